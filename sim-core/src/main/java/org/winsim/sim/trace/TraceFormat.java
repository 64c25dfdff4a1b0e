package org.winsim.sim.trace;

import org.winsim.sim.Durations;

/** The readable one-line rendering of a trace record, shared by the text writer and the trace digest. */
public final class TraceFormat {
    private TraceFormat() {
    }

    /** {@code 0.000012000 T3 server          BLOCK      on=recv(s5) timeout=INFINITE}, without a line end. */
    public static String text(TraceRecord r) {
        StringBuilder b = new StringBuilder(96);
        b.append(Durations.stamp(r.time())).append(' ');
        pad(b, "T" + r.threadId() + " " + r.thread(), 18);
        b.append(' ');
        pad(b, r.kind(), 10);
        for (int i = 0; i < r.fieldCount(); i++) {
            b.append(' ').append(r.fieldName(i)).append('=');
            String v = r.fieldValue(i);
            if (v.isEmpty() || v.indexOf(' ') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
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

    private static void pad(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
    }
}
