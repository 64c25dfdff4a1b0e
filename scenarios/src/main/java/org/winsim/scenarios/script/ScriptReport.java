package org.winsim.scenarios.script;

import java.io.PrintWriter;
import java.util.List;

/**
 * The outcome of running one script: a line per statement, and the finding that stopped the run
 * early (a deadlock, say) with the line it stopped on.
 *
 * @param stopped why the run stopped before the end, or null
 * @param skipped why the script could not run here (a call the host OS does not have), or null
 */
public record ScriptReport(String file, String backend, String profile, long seed, List<LineResult> lines, String stopped,
                           String skipped) {
    public boolean passed() {
        return stopped == null && skipped == null && lines.stream().allMatch(LineResult::ok);
    }

    public long mismatches() {
        return lines.stream().filter(l -> !l.ok()).count() + (stopped == null ? 0 : 1);
    }

    public void print(PrintWriter out) {
        out.println("== " + file + " (" + backend + ", profile " + profile + ", seed " + seed + ")");
        int width = Math.min(48, lines.stream().mapToInt(l -> l.statement().length()).max().orElse(10));
        for (LineResult l : lines) {
            String verdict = l.problem() != null ? l.problem() : l.expected() != null ? "ok" : "";
            out.println(String.format(java.util.Locale.ROOT, "%4d  %-" + width + "s  %-24s %s", l.line(), l.statement(),
                    l.result(), verdict).stripTrailing());
        }
        if (stopped != null) {
            out.println("      " + stopped.replace("\n", "\n      "));
        }
        if (skipped != null) {
            out.println("-- SKIPPED: " + skipped);
            return;
        }
        out.println("-- " + (passed() ? "PASS" : "FAIL") + ": " + lines.size() + " statements, " + mismatches() + " failed");
    }
}
