package org.winsim.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.winsim.scenarios.RealOs;
import org.winsim.scenarios.script.RealScriptRunner;
import org.winsim.scenarios.script.Script;
import org.winsim.scenarios.script.ScriptParser;
import org.winsim.scenarios.script.ScriptReport;
import org.winsim.scenarios.script.ScriptSyntaxError;
import org.winsim.scenarios.script.SimScriptRunner;
import org.winsim.scenarios.script.VerbRegistry;
import org.winsim.sim.trace.TraceSink;
import org.winsim.winsock.sim.OsProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code winsim script FILE…}: runs Winsock scripts on the simulator and checks every expectation. */
@Command(name = "script", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run .wss scripts on the simulator (or for real: --backend real or wine): one line per statement with "
                + "its result and ok or MISMATCH. Exit 0 when every expectation holds, 1 when any does not, 2 when a file "
                + "cannot be read or parsed.")
final class ScriptCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Script files (.wss).")
    List<Path> files = List.of();

    @Option(names = "--verbs", description = "List every verb with its arguments and result convention, and exit.")
    boolean verbs;

    @Option(names = "--profile", paramLabel = "P", description = "windows or linux, whatever the scripts say. Default: each script's own, else windows.")
    String profile;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "sim",
            description = "sim (the simulator), real (the host's own sockets over loopback) or wine (Wine's ws2_32 through "
                    + "the agent; needs wine64 and gcc-mingw-w64-x86-64). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Mixin
    TraceOptions trace;

    @Mixin
    ReportOption htmlReport;

    @Override
    public Integer call() {
        if (verbs) {
            PrintWriter out = spec.commandLine().getOut();
            VerbRegistry.describe().forEach(out::println);
            out.flush();
            return Main.OK;
        }
        if (files.isEmpty()) {
            throw new Main.UsageError("give one or more script files (or --verbs)");
        }
        OsProfile override = profile == null ? null : Main.profile(profile);
        if (trace.file != null && files.size() > 1) {
            throw new Main.UsageError("--trace takes one script at a time");
        }
        if (htmlReport.file != null && files.size() > 1) {
            throw new Main.UsageError("--report takes one script at a time");
        }
        if (!backend.equals("sim")) {
            if (profile != null || trace.file != null || htmlReport.file != null) {
                throw new Main.UsageError((profile != null ? "--profile" : trace.file != null ? "--trace" : "--report")
                        + " does nothing with --backend " + Main.cut(backend)
                        + " (the OS answers, with no trace); drop it or use --backend sim");
            }
            List<Script> scripts = parseAll(files);
            try (RealOs os = RealOsChoice.open("--backend", backend)) {
                return runReal(scripts, os);
            }
        }
        List<Script> scripts = parseAll(files);
        PrintWriter out = trace.toStdout() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        int passed = 0;
        htmlReport.checkApartFrom(trace);
        List<TraceSink> sinks = new ArrayList<>(htmlReport.open());
        sinks.addAll(trace.open(spec.commandLine().getOut()));
        ScriptReport last = null;
        try {
            for (Script s : scripts) {
                ScriptReport r = SimScriptRunner.run(s, override, sinks);
                r.print(out);
                passed += r.passed() ? 1 : 0;
                last = r;
            }
        } finally {
            trace.close();
        }
        if (last != null) {
            htmlReport.write(files.get(0).toString(), last::print);
        }
        out.println(scripts.size() + " scripts: " + passed + " passed, " + (scripts.size() - passed) + " failed");
        out.flush();
        return passed == scripts.size() ? Main.OK : Main.FAILED;
    }

    /** Runs each script for real on {@code os}; a script that needs a call the OS lacks is skipped, not passed. */
    private int runReal(List<Script> scripts, RealOs os) {
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int skipped = 0;
        for (Script s : scripts) {
            ScriptReport r = RealScriptRunner.run(s, RealScriptRunner.LIMIT, os);
            r.print(out);
            out.flush();
            passed += r.passed() ? 1 : 0;
            skipped += r.skippedCleanly() ? 1 : 0;
        }
        out.println(scripts.size() + " scripts: " + passed + " passed, " + (scripts.size() - passed - skipped) + " failed"
                + (skipped == 0 ? "" : ", " + skipped + " skipped"));
        out.flush();
        return passed + skipped == scripts.size() ? Main.OK : Main.FAILED;
    }

    /** Reads and parses every file first, so nothing runs when any of them is bad. */
    static List<Script> parseAll(List<Path> files) {
        List<Script> scripts = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new Main.UsageError("cannot read " + f + ": " + why(e));
            }
            try {
                scripts.add(ScriptParser.parse(f.toString(), bytes));
            } catch (ScriptSyntaxError e) {
                throw new Main.UsageError(e.toString());
            }
        }
        return scripts;
    }

    /** Why a file could not be read, in words (no exception class names). */
    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e.getMessage() != null && e.getMessage().contains("Is a directory")) {
            return "it is a directory";
        }
        return e.getMessage() == null ? "an input/output error" : e.getMessage();
    }
}
