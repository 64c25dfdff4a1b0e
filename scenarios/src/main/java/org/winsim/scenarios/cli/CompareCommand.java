package org.winsim.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.winsim.scenarios.script.Comparison;
import org.winsim.scenarios.script.Script;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code winsim compare FILE…}: each script on the real OS and on the simulator, side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run each .wss script on real OS sockets (loopback) and on the simulator with the profile that "
                + "matches the host, and print both results of every line: agree, DIFFER, not compared (a line expecting '*'), "
                + "FAILED (a side crashed, or received bytes that are not the peer's). Exit 0 when nothing differs or failed, "
                + "1 otherwise, 2 when a file cannot be read or parsed.")
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Script files (.wss).")
    List<Path> files;

    @Override
    public Integer call() {
        List<Script> scripts = ScriptCommand.parseAll(files);
        PrintWriter out = spec.commandLine().getOut();
        int agree = 0;
        int differ = 0;
        int skipped = 0;
        Map<Comparison.Verdict, Integer> lines = new EnumMap<>(Comparison.Verdict.class);
        for (Script s : scripts) {
            Comparison c = Comparison.run(s);
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
                + Comparison.summary(lines));
        out.flush();
        return differ == 0 ? Main.OK : Main.FAILED;
    }
}
