package org.winsim.scenarios.script;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.winsim.winsock.sim.OsProfile;

/**
 * One script run on the real OS and on the simulator with the profile that matches the host, line by
 * line: each statement's two results and whether they agree. Port numbers the OS picks (1024 and up)
 * are compared as {@code *}, since the two sides pick them differently.
 */
public record Comparison(String file, String os, List<Row> rows, ScriptReport real, ScriptReport simulated) {
    private static final Pattern PORT = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d{4,5})");

    /**
     * One statement's results on both sides; a side that never reached the line says so. A line that
     * expects any value ({@code => *}) is not compared: its value is inherently the OS's (a byte count
     * that depends on the kernel's buffer accounting, say).
     */
    public record Row(int line, String statement, String real, String simulated, boolean agree, boolean unchecked) {
    }

    public static Comparison run(Script script) {
        ScriptReport real = RealScriptRunner.run(script, RealScriptRunner.LIMIT);
        ScriptReport sim = SimScriptRunner.run(script, OsProfile.named(real.profile()), List.of());
        List<Row> rows = new ArrayList<>();
        for (Script.Statement st : script.statements()) {
            String r = resultAt(real, st.line());
            String s = resultAt(sim, st.line());
            boolean unchecked = st instanceof Script.CallStatement cs && cs.expect() != null && cs.expect().value().any()
                    && cs.expect().error() == null;
            rows.add(new Row(st.line(), st.text(), r, s, unchecked || normalize(r).equals(normalize(s)), unchecked));
        }
        return new Comparison(script.file(), real.profile(), rows, real, sim);
    }

    private static String resultAt(ScriptReport r, int line) {
        for (LineResult l : r.lines()) {
            if (l.line() == line) {
                return l.result();
            }
        }
        if (r.skipped() != null) {
            return "SKIPPED";
        }
        return r.stopped() != null && r.stopped().startsWith("line " + line + " ") ? "BLOCKED" : "not reached";
    }

    static String normalize(String result) {
        return PORT.matcher(result).replaceAll(m -> Integer.parseInt(m.group(2)) >= 1024 ? m.group(1) + ":*" : m.group());
    }

    public boolean skipped() {
        return real.skipped() != null;
    }

    public long differences() {
        return skipped() ? 0 : rows.stream().filter(r -> !r.agree()).count();
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
            out.println(String.format(Locale.ROOT, "%4d  %-" + width + "s  %-26s %-26s %s", r.line(), r.statement(),
                    r.real(), r.simulated(), r.unchecked() ? "(not compared)" : r.agree() ? "agree" : "DIFFER").stripTrailing());
        }
        out.println("-- " + rows.size() + " statements, " + (rows.size() - differences()) + " agree, " + differences() + " differ");
    }
}
