package org.winsim.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.SimBackend;
import org.winsim.scenarios.explore.Explorer;
import org.winsim.scenarios.explore.RunCase;
import org.winsim.sim.trace.TextTraceWriter;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code winsim explore NAME}: searches seeds and fault plans for a run that breaks the scenario, and shrinks it. */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a scenario over many seeds and fault plans until its property fails (every byte echoed and "
                + "verified, no finding; a fault TCP cannot hide may cost the bytes it hits if the program reports the "
                + "error Windows gives), then shrink the failing case and print the command that replays it.",
            "Exit 0 when no run failed, 1 when one did, 2 on bad usage."})
final class ExploreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "NAME", description = "The scenario (see 'winsim list').")
    String name;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "200", description = "Runs to try (1 to 100000000). Default: ${DEFAULT-VALUE}.")
    long runs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Run i uses seed S+i. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--faults", paramLabel = "PLAN",
            description = "The fault plan of every run (e.g. 'loss=0.01,reset@conn2:4096,sched=random'). Default: a plan "
                    + "drawn per seed from a mix of scheduling perturbations, loss, jitter, resets and partial sends.")
    String faults;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N (1-based): the runs whose index is I-1 modulo N.")
    String shard;

    @Option(names = "--keep-going", description = "Collect every distinct failure instead of stopping at the first.")
    boolean keepGoing;

    @Option(names = "--results", paramLabel = "FILE", description = "Write one JSON line per run (scenario, seed, faults, workload, outcome, and a failure's line and digest).")
    Path results;

    @Option(names = "--time-limit", paramLabel = "DURATION", description = "Stop starting new runs after this much real time (e.g. 10m).")
    String timeLimit;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    long clients;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    long messages;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "512", description = "Default: ${DEFAULT-VALUE}.")
    long size;

    @Option(names = "--processors", paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    long processors;

    @Option(names = "--as-written", description = "Explores the lecture's program exactly as written, mistakes included "
            + "(scenarios that have such a version).")
    boolean asWritten;

    @Option(names = "--network", paramLabel = "N", defaultValue = "loopback", description = "loopback or lan. Default: ${DEFAULT-VALUE}.")
    String network;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "windows", description = "windows or linux. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--trace-dir", paramLabel = "DIR",
            description = "Where the shrunk case's trace is written. Default: the current directory.")
    Path traceDir;

    /**
     * A --trace-dir given must be a directory, or a path where one can be made: checked before the search,
     * not after it (the current directory, the default, is only needed if a failure is found).
     */
    private void checkTraceDir() {
        if (traceDir == null) {
            return;
        }
        Path dir = traceDir.toAbsolutePath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Main.UsageError("--trace-dir " + traceDir + ": not a directory");
        }
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new Main.UsageError("--trace-dir " + traceDir + ": no directory can be written there");
        }
    }

    @Override
    public Integer call() throws IOException {
        Scenario scenario = Main.scenario(name);
        OsProfile os = Main.profile(profile);
        SimBackend.Topology topology = Main.topology(network);
        within("--runs", runs, 1, 100_000_000);
        within("--clients", clients, 1, 10_000);
        within("--messages", messages, 1, 100_000);
        within("--size", size, 1, 1 << 20);
        within("--processors", processors, 1, 64);
        int first = 0;
        int step = 1;
        if (shard != null) {
            String[] p = shard.split("/", 2);
            try {
                first = Integer.parseInt(p[0]) - 1;
                step = Integer.parseInt(p[1]);
            } catch (RuntimeException e) {
                throw new Main.UsageError("--shard must be I/N, e.g. 2/8 (got '" + Main.cut(shard) + "')");
            }
            if (step < 1 || first < 0 || first >= step) {
                throw new Main.UsageError("--shard I/N needs 1 <= I <= N (got '" + Main.cut(shard) + "')");
            }
        }
        long wallDeadline = timeLimit == null ? Long.MAX_VALUE : System.nanoTime() + WallGuard.parseLimit(timeLimit);
        if (asWritten && !scenario.hasAsWritten()) {
            throw new Main.UsageError("--as-written: scenario '" + scenario.name() + "' has no version as written that differs from its default");
        }
        ScenarioParams params = new ScenarioParams((int) clients, (int) messages, (int) size, seed, asWritten);
        FaultPlan fixed = faults == null ? null : Main.faultPlan(faults);
        LongFunction<FaultPlan> plans = fixed != null ? s -> fixed : Explorer.drawnPlans(params);
        RunCase template = new RunCase(scenario.name(), params, (int) processors, topology, os, FaultPlan.NONE);
        checkTraceDir();
        Writer jsonl;
        try {
            jsonl = results == null ? null : Files.newBufferedWriter(results, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Main.UsageError("cannot write --results to " + results + ": " + TraceOptions.reason(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("explore " + scenario.name() + (asWritten ? " (as written)" : "") + ": " + runs + " runs from seed " + seed
                + (shard == null ? "" : ", shard " + shard) + ", faults " + (fixed == null ? "drawn per seed" : fixed));
        out.flush();
        Explorer explorer = new Explorer(scenario);
        long t0 = System.nanoTime();
        long[] done = {0, 0};
        long[] lastShown = {t0};
        List<Explorer.Outcome> found;
        try {
            found = explorer.campaign(template, seed, (int) runs, first, step, plans, keepGoing, o -> {
                done[0]++;
                if (o.verdict().failed()) {
                    done[1]++;
                }
                if (jsonl != null) {
                    try {
                        Explorer.writeResult(jsonl, o);
                    } catch (IOException e) {
                        throw new Main.HostFailure("writing " + results + " failed: " + e.getMessage());
                    }
                }
                long now = System.nanoTime(); // wall time only paces the progress lines and the time limit
                if (main.stderrIsTerminal && now - lastShown[0] > 1_000_000_000L) {
                    lastShown[0] = now;
                    err.println(progress(done, now - t0));
                    err.flush();
                }
                if (now > wallDeadline) {
                    throw new TimeUp();
                }
            });
        } catch (TimeUp t) {
            found = List.of();
            err.println("explore: stopped by --time-limit " + timeLimit);
        } finally {
            if (jsonl != null) {
                jsonl.close();
            }
        }
        err.println(progress(done, System.nanoTime() - t0));
        err.flush();
        if (found.isEmpty()) {
            out.println("no failure in " + done[0] + " runs");
            return Main.OK;
        }
        for (Explorer.Outcome f : found) {
            report(explorer, f, out, err);
        }
        return Main.FAILED;
    }

    private void report(Explorer explorer, Explorer.Outcome f, PrintWriter out, PrintWriter err) throws IOException {
        out.println("FAILED at seed " + f.c().params().seed() + " with faults " + f.c().plan() + ":");
        f.verdict().failure().lines().limit(12).forEach(l -> out.println("  " + l));
        out.println("shrinking...");
        out.flush();
        Explorer.Outcome min = explorer.shrink(f, line -> {
            err.println("explore: " + line);
            err.flush();
        });
        RunCase c = min.c();
        out.println("minimal case: " + Explorer.describe(c));
        min.verdict().failure().lines().limit(12).forEach(l -> out.println("  " + l));
        Path dir = traceDir == null ? Path.of(".") : traceDir;
        Files.createDirectories(dir);
        Path trace = dir.resolve("explore-" + c.scenario() + "-seed" + c.params().seed() + ".txt");
        String[] digests = new String[2];
        for (int i = 0; i < 2; i++) {
            try (Writer w = Files.newBufferedWriter(trace, StandardCharsets.UTF_8)) {
                digests[i] = explorer.run(c, List.of(new TextTraceWriter(w))).digest();
            }
        }
        out.println("replay: " + c.replayCommand(trace.toString()));
        out.println("trace: " + trace + " (replayed twice: " + (digests[0].equals(digests[1])
                ? "identical, digest " + digests[0].substring(0, 16) : "DIFFERENT digests: " + digests[0] + " " + digests[1]) + ")");
        out.flush();
    }

    private static String progress(long[] done, long wallNanos) {
        double secs = Math.max(wallNanos / 1e9, 1e-9);
        return String.format(java.util.Locale.ROOT, "explore: %d runs, %.0f runs/s, %d failing", done[0], done[0] / secs, done[1]);
    }

    private static void within(String option, long v, long min, long max) {
        if (v < min || v > max) {
            throw new Main.UsageError(option + " must be between " + min + " and " + max + " (got " + v + ")");
        }
    }

    /** The exploration's wall-clock limit passed: no new run starts. */
    private static final class TimeUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimeUp() {
            super(null, null, false, false);
        }
    }
}
