package org.winsim.scenarios.script;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.winsim.winsock.sim.OsProfile;

/**
 * One script run on the real OS and on the simulator with the profile that matches the host, line by
 * line: each statement's two results and a verdict. Results agree when their values, outputs and
 * received bytes are the same; port numbers the OS picks (1024 and up) are compared as {@code *},
 * since the two sides pick them differently. A line is never called "agree" unless it was compared.
 */
public record Comparison(String file, String os, List<Row> rows, ScriptReport real, ScriptReport simulated) {
    private static final Pattern PORT = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d{4,5})");

    /** What the comparison says of one line. */
    public enum Verdict {
        /** Both sides gave the same result, outputs and bytes. */
        AGREE("agree"),
        /** The sides gave different results, outputs or bytes, or one side did not get there. */
        DIFFER("DIFFER"),
        /**
         * A line that expects any value ({@code => *}) and that both sides completed without failing:
         * its value is inherently the OS's (a byte count that follows the kernel's buffer accounting, say).
         */
        NOT_COMPARED("not compared"),
        /** A side crashed on the line, or a side's own check failed (received bytes that are not the peer's). */
        FAILED("FAILED"),
        /** The sides differ as a known-divergence rule of the backend says they may (for a later Wine backend; no rule exists yet). */
        KNOWN_DIVERGENCE("known divergence");

        public final String shown;

        Verdict(String shown) {
            this.shown = shown;
        }
    }

    /** One statement's results on both sides; a side that never reached the line says why. */
    public record Row(int line, String statement, String real, String simulated, Verdict verdict, String note) {
    }

    public static Comparison run(Script script) {
        ScriptReport real = RealScriptRunner.run(script, RealScriptRunner.LIMIT);
        ScriptReport sim = SimScriptRunner.run(script, OsProfile.named(real.profile()), List.of());
        List<Row> rows = new ArrayList<>();
        for (Script.Statement st : script.statements()) {
            rows.add(row(st, real, sim));
        }
        return new Comparison(script.file(), real.profile(), rows, real, sim);
    }

    private static Row row(Script.Statement st, ScriptReport real, ScriptReport sim) {
        LineResult r = lineAt(real, st.line());
        LineResult s = lineAt(sim, st.line());
        String rt = r != null ? r.result() : missing(real, st.line());
        String strText = s != null ? s.result() : missing(sim, st.line());
        Row row = new Row(st.line(), st.text(), rt, strText, Verdict.AGREE, "");
        if (crashedAt(real, st.line()) || crashedAt(sim, st.line())) {
            return withVerdict(row, Verdict.FAILED, "crashed on " + (crashedAt(real, st.line()) ? "the real OS" : "the simulator"));
        }
        if (r == null || s == null) {
            return withVerdict(row, rt.equals(strText) ? Verdict.AGREE : Verdict.DIFFER, "");
        }
        if (r.check() != null || s.check() != null) {
            return withVerdict(row, Verdict.FAILED, r.check() != null ? "real: " + r.check() : "simulator: " + s.check());
        }
        if (st instanceof Script.CallStatement cs && cs.expect() != null && cs.expect().any() && cs.expect().error() == null
                && r.ok() && s.ok()) {
            return withVerdict(row, Verdict.NOT_COMPARED, "");
        }
        if (!normalize(rt).equals(normalize(strText))) {
            return withVerdict(row, Verdict.DIFFER, "");
        }
        if (!Arrays.equals(r.data(), s.data())) {
            return withVerdict(row, Verdict.DIFFER, "received bytes differ");
        }
        return row;
    }

    private static Row withVerdict(Row r, Verdict v, String note) {
        return new Row(r.line(), r.statement(), r.real(), r.simulated(), v, note);
    }

    private static LineResult lineAt(ScriptReport r, int line) {
        for (LineResult l : r.lines()) {
            if (l.line() == line) {
                return l;
            }
        }
        return null;
    }

    private static boolean crashedAt(ScriptReport r, int line) {
        return r.stop() != null && r.stop().kind() == ScriptReport.Stop.Kind.CRASHED && r.stop().line() == line;
    }

    /** What a side that has no result for the line shows: SKIPPED, BLOCKED (it blocked for good there), CRASHED, or not reached. */
    private static String missing(ScriptReport r, int line) {
        if (r.skipped() != null) {
            return "SKIPPED";
        }
        ScriptReport.Stop stop = r.stop();
        if (stop != null && stop.line() == line) {
            return switch (stop.kind()) {
                case BLOCKED, FINDING -> "BLOCKED";
                case CRASHED -> "CRASHED";
                case ENDED -> "not reached";
            };
        }
        return "not reached";
    }

    static String normalize(String result) {
        return PORT.matcher(result).replaceAll(m -> Integer.parseInt(m.group(2)) >= 1024 ? m.group(1) + ":*" : m.group());
    }

    public boolean skipped() {
        return real.skipped() != null;
    }

    /** How many lines have each verdict (none when the script was skipped). */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            m.put(v, 0);
        }
        if (!skipped()) {
            rows.forEach(r -> m.merge(r.verdict(), 1, Integer::sum));
        }
        return m;
    }

    /** Lines that differ or failed: what makes a comparison fail. */
    public long differences() {
        Map<Verdict, Integer> c = counts();
        return c.get(Verdict.DIFFER) + c.get(Verdict.FAILED);
    }

    /** {@code a agree, d differ, n not compared, f failed} (and known divergences when there are any). */
    public static String summary(Map<Verdict, Integer> c) {
        return c.get(Verdict.AGREE) + " agree, " + c.get(Verdict.DIFFER) + " differ, " + c.get(Verdict.NOT_COMPARED)
                + " not compared, " + c.get(Verdict.FAILED) + " failed"
                + (c.get(Verdict.KNOWN_DIVERGENCE) == 0 ? "" : ", " + c.get(Verdict.KNOWN_DIVERGENCE) + " known divergence");
    }

    public void print(PrintWriter out) {
        out.println("== " + file + " (real " + os + " vs simulator, profile " + os + ")");
        if (skipped()) {
            out.println("-- SKIPPED: " + real.skipped());
            return;
        }
        int width = Math.min(44, rows.stream().mapToInt(r -> r.statement().length()).max().orElse(10));
        out.println(String.format(Locale.ROOT, "%4s  %-" + width + "s  %-26s %-26s %s", "line", "statement", "real",
                "simulated", ""));
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "%4d  %-" + width + "s  %-26s %-26s %s%s", r.line(), r.statement(),
                    r.real(), r.simulated(), r.verdict().shown, r.note().isEmpty() ? "" : ": " + r.note()).stripTrailing());
        }
        for (ScriptReport side : List.of(real, simulated)) {
            if (side.stop() != null && side.stop().kind() != ScriptReport.Stop.Kind.BLOCKED) {
                out.println("      " + side.backend() + ": " + side.stop().message().replace("\n", "\n      "));
            }
        }
        out.println("-- " + rows.size() + " statements: " + summary(counts()));
    }
}
