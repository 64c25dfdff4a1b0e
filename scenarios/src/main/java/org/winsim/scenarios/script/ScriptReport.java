package org.winsim.scenarios.script;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of running one script: a line per statement, and why the run stopped early (a
 * deadlock, a line that blocked for good, a crash) with the line it stopped on.
 *
 * @param stop why the run stopped before the end, or null
 * @param skipped why the script could not run here (a call the host OS does not have), or null
 */
public record ScriptReport(String file, String backend, String profile, long seed, List<LineResult> lines, Stop stop,
                           String skipped) {

    /** Why a run stopped early, on which line (0: before any), and what happened. */
    public record Stop(Kind kind, int line, String message) {
        /** How a run can stop early. */
        public enum Kind {
            /** The simulator found that no thread can go on (the message says which finding). */
            FINDING,
            /** A call on a real OS did not return within the run's limit. */
            BLOCKED,
            /** winsim itself failed while running the line: a failure, never a result. */
            CRASHED,
            /** The run ended before the script did. */
            ENDED
        }
    }

    /** The stop's message, or null when the run did not stop early. */
    public String stopped() {
        return stop == null ? null : stop.message();
    }

    public boolean passed() {
        return stop == null && skipped == null && lines.stream().allMatch(LineResult::ok);
    }

    /** Whether the script was skipped with every line before the skip holding (one that failed first makes it a failure). */
    public boolean skippedCleanly() {
        return skipped != null && stop == null && lines.stream().allMatch(LineResult::ok);
    }

    public long mismatches() {
        return lines.stream().filter(l -> !l.ok()).count() + (stop == null ? 0 : 1);
    }

    public void print(PrintWriter out) {
        out.println("== " + file + " (" + backend + ", profile " + profile + ", seed " + seed + ")");
        int width = Math.min(48, lines.stream().mapToInt(l -> l.statement().length()).max().orElse(10));
        for (LineResult l : lines) {
            String verdict = l.problem() != null ? l.problem() : l.expected() != null ? "ok" : "";
            out.println(String.format(Locale.ROOT, "%4d  %-" + width + "s  %-24s %s", l.line(), l.statement(),
                    l.result(), verdict).stripTrailing());
        }
        if (stop != null) {
            out.println("      " + stop.message().replace("\n", "\n      "));
        }
        if (skipped != null) {
            out.println("-- SKIPPED: " + skipped);
            if (!skippedCleanly()) {
                out.println("-- FAIL: " + mismatches() + " of the " + lines.size() + " statements before the skip failed");
            }
            return;
        }
        out.println("-- " + (passed() ? "PASS" : "FAIL") + ": " + lines.size() + " statements, " + mismatches() + " failed");
    }
}
