package org.winsim.sim;

import java.util.List;

/**
 * A problem that ended a run: what it is, when in virtual time, on which thread, and the details a
 * reader needs (for a deadlock, every live thread and what it waits on).
 *
 * @param thread the thread it concerns, or null for the whole run
 * @param cause the exception behind it, or null
 */
public record Finding(FindingKind kind, long time, String thread, String message, List<String> details, Throwable cause) {
    public Finding {
        details = List.copyOf(details);
    }

    /** A readable report: one headline, then one indented line per detail. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(kind).append(" at t=").append(Durations.stamp(time)).append('s');
        if (thread != null) {
            b.append(" in thread ").append(thread);
        }
        b.append(": ").append(message);
        for (String d : details) {
            b.append(System.lineSeparator()).append("  ").append(d);
        }
        return b.toString();
    }
}
