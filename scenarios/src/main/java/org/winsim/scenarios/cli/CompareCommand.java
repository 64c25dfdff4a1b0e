package org.winsim.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.winsim.scenarios.RealOs;
import org.winsim.scenarios.script.Comparison;
import org.winsim.scenarios.script.Script;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code winsim compare FILE…}: each script on a real OS (the host's, or Wine) and on the simulator, side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run each .wss script on real OS sockets (loopback) and on the simulator with the profile that "
                + "matches the host (or on Wine beside the windows profile: --against wine), and print both results of every "
                + "line: agree, DIFFER, Wine divergence (a difference one of Wine's known-divergence rules explains, named "
                + "by the rule), not compared (a line expecting '*'), FAILED (a side crashed, or received bytes that are "
                + "not the peer's). Exit 0 when nothing differs or failed, 1 otherwise, 2 when a file cannot be read or "
                + "parsed or Wine is missing.")
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Script files (.wss).")
    List<Path> files;

    @Option(names = "--against", paramLabel = "OS", defaultValue = "real",
            description = "real (the host's own sockets, beside the profile of the host's OS) or wine (Wine's ws2_32 "
                    + "through the agent, beside the windows profile). Default: ${DEFAULT-VALUE}.")
    String against;

    @Override
    public Integer call() {
        List<Script> scripts = ScriptCommand.parseAll(files);
        try (RealOs os = RealOsChoice.open("--against", against)) {
            return compare(scripts, os);
        }
    }

    private int compare(List<Script> scripts, RealOs os) {
        PrintWriter out = spec.commandLine().getOut();
        String label = null;
        int agree = 0;
        int differ = 0;
        int skipped = 0;
        Map<Comparison.Verdict, Integer> lines = new EnumMap<>(Comparison.Verdict.class);
        for (Script s : scripts) {
            Comparison c = Comparison.run(s, os);
            label = c.divergenceLabel();
            c.print(out);
            out.flush();
            c.counts().forEach((v, n) -> lines.merge(v, n, Integer::sum));
            if (c.skipped()) {
                skipped++;
            } else if (c.differences() == 0) {
                agree++;
            } else {
                differ++;
            }
        }
        out.println(scripts.size() + " scripts: " + agree + " agree, " + differ + " differ, " + skipped + " skipped; lines: "
                + Comparison.summary(lines, label));
        out.flush();
        return differ == 0 ? Main.OK : Main.FAILED;
    }
}
