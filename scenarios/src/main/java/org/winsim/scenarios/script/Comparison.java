package org.winsim.scenarios.script;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.winsim.scenarios.HostOs;
import org.winsim.scenarios.RealOs;
import org.winsim.winsock.sim.OsProfile;

/**
 * One script run on a real OS (the host's sockets, or Wine) and on the simulator with the profile that
 * OS stands for, line by line: each statement's two results and a verdict. Results agree when their
 * values, outputs and received bytes are the same; port numbers the OS picks (1024 and up) are
 * compared as {@code *}, since the two sides pick them differently. A line is never called "agree"
 * unless it was compared, and a difference is called a known divergence only by one of the OS's
 * {@link DivergenceRule}s, which the row names.
 *
 * @param backend the real side: {@code real linux}, {@code wine}
 * @param os the model profile the simulator ran with
 * @param divergenceLabel what a line a divergence rule explains is called ({@code Wine divergence}); null when the
 *     real side has no rules
 */
public record Comparison(String file, String backend, String os, String divergenceLabel, List<Row> rows, ScriptReport real,
                         ScriptReport simulated) {
    private static final Pattern PORT = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d{4,5})");

    /** What the comparison says of one line. */
    public enum Verdict {
        /** Both sides gave the same result, outputs and bytes. */
        AGREE("agree"),
        /** The sides gave different results, outputs or bytes, or one side did not get there. */
        DIFFER("DIFFER"),
        /** The sides differ as one of the real OS's known-divergence rules says they may (shown as the OS's label). */
        KNOWN_DIVERGENCE("known divergence"),
        /**
         * A line that expects any value ({@code => *}) and that both sides completed without failing:
         * its value is inherently the OS's (a byte count that follows the kernel's buffer accounting, say).
         */
        NOT_COMPARED("not compared"),
        /** A side crashed on the line, or a side's own check failed (received bytes that are not the peer's). */
        FAILED("FAILED");

        public final String shown;

        Verdict(String shown) {
            this.shown = shown;
        }
    }

    /** One statement's results on both sides; a side that never reached the line says why. */
    public record Row(int line, String statement, String real, String simulated, Verdict verdict, String note) {
    }

    /** The script on the host's own sockets beside the simulator's profile for the host. */
    public static Comparison run(Script script) {
        try (HostOs host = new HostOs()) {
            return run(script, host);
        }
    }

    /** The script on {@code os} beside the simulator with the profile {@code os} stands for. */
    public static Comparison run(Script script, RealOs os) {
        return run(script, os, RealScriptRunner.LIMIT);
    }

    /** The same, with {@code limit} for the real run (after it, the line under way is BLOCKED). */
    public static Comparison run(Script script, RealOs os, java.time.Duration limit) {
        ScriptReport real = RealScriptRunner.run(script, limit, os);
        ScriptReport sim = SimScriptRunner.run(script, OsProfile.named(os.profile()), List.of());
        List<Row> rows = new ArrayList<>();
        List<String> explained = new ArrayList<>();
        String stoppedBy = null;
        for (Script.Statement st : script.statements()) {
            Row row = row(st, real, sim);
            if (row.verdict() == Verdict.DIFFER && row.real().equals("SKIPPED")) {
                row = withVerdict(row, Verdict.NOT_COMPARED, "skipped on " + real.backend() + ": " + real.skipped());
            } else if (row.verdict() == Verdict.DIFFER && stoppedBy != null && row.real().equals("not reached")) {
                row = withVerdict(row, Verdict.NOT_COMPARED, "not reached on " + real.backend() + ": " + stoppedBy);
            } else if (row.verdict() == Verdict.DIFFER) {
                DivergenceRule rule = DivergenceRule.explaining(os.divergences(), callOf(script, st), normalize(row.real()),
                        normalize(row.simulated()), explained);
                if (rule != null) {
                    row = withVerdict(row, Verdict.KNOWN_DIVERGENCE, rule.id() + ": " + rule.title());
                    explained.add(rule.id());
                    if (real.stop() != null && real.stop().line() == st.line()) {
                        stoppedBy = "line " + st.line() + " stopped there (" + rule.id() + ")";
                    }
                }
            }
            rows.add(row);
        }
        return new Comparison(script.file(), os.backend(), os.profile(), os.divergences().isEmpty() ? null : os.divergenceLabel(),
                rows, real, sim);
    }

    /** The call a line makes: its text without {@code NAME =}; for {@code join NAME}, the call {@code spawn NAME:} started. */
    static String callOf(Script script, Script.Statement st) {
        if (st instanceof Script.CallStatement cs && cs.call().verb().name().equals("join")) {
            String[] words = cs.text().split("\\s+");
            for (Script.Statement s : script.statements()) {
                if (s instanceof Script.Spawn sp && words.length > 1 && sp.name().equals(words[1])) {
                    return callOf(script, sp);
                }
            }
        }
        String text = st.text();
        int arrow = text.indexOf("=>");
        if (arrow >= 0) {
            text = text.substring(0, arrow);
        }
        if (st instanceof Script.Spawn sp) {
            text = text.substring(text.indexOf(':') + 1);
        } else if (st instanceof Script.CallStatement cs && cs.bind() != null) {
            text = text.substring(text.indexOf('=') + 1);
        }
        return text.strip().replaceAll("\\s+", " ");
    }

    private static Row row(Script.Statement st, ScriptReport real, ScriptReport sim) {
        LineResult r = lineAt(real, st.line());
        LineResult s = lineAt(sim, st.line());
        String rt = r != null ? r.result() : missing(real, st.line());
        String strText = s != null ? s.result() : missing(sim, st.line());
        Row row = new Row(st.line(), st.text(), rt, strText, Verdict.AGREE, "");
        if (crashedAt(real, st.line()) || crashedAt(sim, st.line())) {
            return withVerdict(row, Verdict.FAILED, "crashed on " + (crashedAt(real, st.line()) ? real.backend() : "the simulator"));
        }
        if (r == null || s == null) {
            return withVerdict(row, rt.equals(strText) ? Verdict.AGREE : Verdict.DIFFER, "");
        }
        if (r.check() != null || s.check() != null) {
            return withVerdict(row, Verdict.FAILED, r.check() != null ? real.backend() + ": " + r.check() : "simulator: " + s.check());
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

    /**
     * Whether the real side skipped the script (a call its OS lacks) with every line before the skip agreeing or
     * explained; a line that differed or failed first makes the comparison count, and fail, as any other.
     */
    public boolean skipped() {
        return real.skipped() != null && rows.stream().noneMatch(r -> r.verdict() == Verdict.DIFFER || r.verdict() == Verdict.FAILED);
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

    /**
     * {@code a agree, d differ, n not compared, f failed}, with {@code k LABEL} (known divergences, e.g.
     * {@code 3 Wine divergence}) after the differences when the real side has divergence rules.
     */
    public static String summary(Map<Verdict, Integer> c, String divergenceLabel) {
        return c.get(Verdict.AGREE) + " agree, " + c.get(Verdict.DIFFER) + " differ, "
                + (divergenceLabel == null ? "" : c.get(Verdict.KNOWN_DIVERGENCE) + " " + divergenceLabel + ", ")
                + c.get(Verdict.NOT_COMPARED) + " not compared, " + c.get(Verdict.FAILED) + " failed";
    }

    /** How this comparison's rows show a verdict: a known divergence by the real side's label. */
    private String shown(Verdict v) {
        return v == Verdict.KNOWN_DIVERGENCE ? divergenceLabel : v.shown;
    }

    public void print(PrintWriter out) {
        out.println("== " + file + " (" + backend + " vs simulator, profile " + os + ")");
        if (skipped()) {
            out.println("-- SKIPPED: " + real.skipped());
            return;
        }
        int width = Math.min(44, rows.stream().mapToInt(r -> r.statement().length()).max().orElse(10));
        out.println(String.format(Locale.ROOT, "%4s  %-" + width + "s  %-26s %-26s %s", "line", "statement", backend,
                "simulated", ""));
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "%4d  %-" + width + "s  %-26s %-26s %s%s", r.line(), r.statement(),
                    r.real(), r.simulated(), shown(r.verdict()), r.note().isEmpty() ? "" : ": " + r.note()).stripTrailing());
        }
        for (ScriptReport side : List.of(real, simulated)) {
            if (side.stop() != null && side.stop().kind() != ScriptReport.Stop.Kind.BLOCKED) {
                out.println("      " + side.backend() + ": " + side.stop().message().replace("\n", "\n      "));
            }
        }
        out.println("-- " + rows.size() + " statements: " + summary(counts(), divergenceLabel));
    }
}
