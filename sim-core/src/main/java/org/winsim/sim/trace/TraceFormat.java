package org.winsim.sim.trace;

import java.util.Set;
import org.winsim.sim.Durations;

/**
 * The readable one-line rendering of a trace record, shared by the text writer and the trace digest.
 * One time unit everywhere: the time stamp and every time field are virtual microseconds with three
 * decimals (nanosecond resolution); records hold those fields as nanoseconds, as JSON Lines shows them.
 */
public final class TraceFormat {
    /** Fields that hold a time or a duration in nanoseconds: shown in microseconds like the stamp. */
    public static final Set<String> TIME_FIELDS = Set.of("arrives", "waited", "timeout", "took", "cputime", "since");

    /** The text trace's first line: what its columns and record kinds mean. */
    public static final String LEGEND = "# time: virtual microseconds (us) since the start, here and in every time field"
            + " | T<id> process:thread | CALL an API call, RET its return (took: its duration; err: the error it set)"
            + " | BLOCK the thread waits (on what), WAKE the wait ends (waited: how long), DISPATCH it gets a processor"
            + " (cpu: which), PREEMPT it loses it | SPAWN/EXIT a thread's life (cputime: CPU it used)"
            + " | SEG a TCP segment sent (arrives: when it reaches the peer), STATE a TCP state change"
            + " | FD a network event reported, COMPLETE an overlapped operation done, IOCP a completion port's packet"
            + " queued or removed, MSG a message posted or removed, APC an APC queued or run, OBJECT a kernel object's"
            + " new state | link: the same id on what queued a packet, message or APC and on what took it"
            + " | FAULT an injected fault | FINDING what the run found | UNFINISHED a thread still alive when the run ended";

    private TraceFormat() {
    }

    /** {@code     12.000 T3 server:receiver BLOCK      on=recv(s5) timeout=INFINITE}, without a line end. */
    public static String text(TraceRecord r) {
        StringBuilder b = new StringBuilder(96);
        String stamp = Durations.micro(r.time());
        for (int i = stamp.length(); i < 12; i++) {
            b.append(' ');
        }
        b.append(stamp).append(' ');
        pad(b, "T" + r.threadId() + " " + r.thread(), 24);
        b.append(' ');
        pad(b, r.kind(), 10);
        for (int i = 0; i < r.fieldCount(); i++) {
            b.append(' ').append(r.fieldName(i)).append('=');
            String v = r.fieldValue(i);
            if (TIME_FIELDS.contains(r.fieldName(i)) && isNumber(v)) {
                b.append(Durations.micro(Long.parseLong(v)));
            } else if (v.isEmpty() || v.indexOf(' ') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                b.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
            } else {
                b.append(v);
            }
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        b.setLength(end);
        return b.toString();
    }

    private static boolean isNumber(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return false;
        }
        for (int i = v.charAt(0) == '-' && v.length() > 1 ? 1 : 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void pad(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
    }
}
