package org.winsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.winsim.scenarios.cli.MainTest.winsim;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winsim.scenarios.cli.MainTest.Outcome;
import org.winsim.sim.trace.TraceRecord;
import org.winsim.sim.trace.TraceSink;

/** Bad input and host failures: one line naming the problem, the documented exit code, nothing lost. */
class BadInputTest {
    private static Outcome usage(String line) {
        return new Outcome(2, "", line + "\n");
    }

    @Test
    void numericOptionsAreBoundedAndTheMessageSaysTheBound() {
        assertEquals(usage("winsim run: --processors must be between 1 and 1024 (got 2147483647)"),
                winsim("run", "select-echo", "--processors", "2147483647"));
        assertEquals(usage("winsim run: --size must be between 1 and 67108864 (got 2147483647)"),
                winsim("run", "select-echo", "--size", "2147483647"));
        assertEquals(usage("winsim run: --clients must be between 1 and 1000000 (got 2147483647)"),
                winsim("run", "select-echo", "--clients", "2147483647"));
        assertEquals(usage("winsim run: --clients must be between 1 and 1000000 (got 0)"),
                winsim("run", "select-echo", "--clients", "0"));
        assertEquals(usage("winsim run: --messages must be between 1 and 1000000 (got -3)"),
                winsim("run", "select-echo", "--messages", "-3"));
        assertEquals(usage("winsim run: --address-space must be between 1 and 134217728 (got 9999999999)"),
                winsim("run", "select-echo", "--address-space", "9999999999"));
        assertEquals(usage("winsim run: --clients x --messages x --size must be at most 1 PiB (1125899906842624 bytes) "
                        + "(got 67108864000000000000)"),
                winsim("run", "select-echo", "--clients", "1000000", "--messages", "1000000", "--size", "67108864"));
        assertEquals(usage("winsim run: Invalid value for option '--clients': '99999999999999999999' is too large a number "
                        + "(see 'winsim run --help')"),
                winsim("run", "select-echo", "--clients", "99999999999999999999"));
        assertEquals(usage("winsim run: Invalid value for option '--size': 'big' is not a whole number (see 'winsim run --help')"),
                winsim("run", "select-echo", "--size", "big"));
        assertEquals(usage("winsim run: --client-hosts must be between 1 and 1024 (got 0)"),
                winsim("run", "select-echo", "--network", "lan", "--client-hosts", "0"));
        assertEquals(usage("winsim run: --client-hosts 2 needs --network lan (loopback is one host)"),
                winsim("run", "select-echo", "--client-hosts", "2"));
        assertEquals(usage("winsim run: --wall-limit must be between 1ms and 7d (got 8d)"),
                winsim("run", "select-echo", "--wall-limit", "8d"));
        assertEquals(usage("winsim run: --wall-limit must be a duration such as 500ms, 90s, 10m, 2h or 1d (got 'soon')"),
                winsim("run", "select-echo", "--wall-limit", "soon"));
    }

    @Test
    void exploreChecksWhereItWritesBeforeItSearches(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertEquals(usage("winsim explore: cannot write --results to " + dir.resolve("no/r.jsonl") + ": no such directory"),
                winsim("explore", "select-echo", "--runs", "1", "--results", dir.resolve("no/r.jsonl").toString()));
        assertEquals(usage("winsim explore: cannot write --results to " + dir + ": Is a directory"),
                winsim("explore", "select-echo", "--runs", "1", "--results", dir.toString()));
        assertEquals(usage("winsim explore: --trace-dir " + file + ": not a directory"),
                winsim("explore", "select-echo", "--runs", "1", "--trace-dir", file.toString()));
        assertEquals(usage("winsim explore: --trace-dir " + file.resolve("sub") + ": no directory can be written there"),
                winsim("explore", "select-echo", "--runs", "1", "--trace-dir", file.resolve("sub").toString()));
    }

    @Test
    void theLargestAllowedValuesAreAccepted() {
        Outcome o = winsim("run", "reader-compute", "--processors", "1024", "--address-space", "134217728");
        assertEquals(0, o.code(), o.out() + o.err());
    }

    @Test
    void optionsThatDoNothingOnTheChosenBackendAreRefusedByName() {
        assertEquals(usage("winsim run: --processors does nothing with --backend real (the host's own kernel, threads and "
                        + "clock run it, over loopback, stopped after 120 s); drop it or use --backend sim"),
                winsim("run", "select-echo", "--backend", "real", "--processors", "4"));
        assertEquals(usage("winsim run: --profile, --network, --address-space, --wall-limit, --trace, --format do nothing "
                        + "with --backend real (the host's own kernel, threads and clock run it, over loopback, stopped "
                        + "after 120 s); drop them or use --backend sim"),
                winsim("run", "select-echo", "--backend", "real", "--profile", "windows", "--network", "lan",
                        "--address-space", "64", "--wall-limit", "1m", "--trace", "t.json", "--format", "chrome"));
        assertEquals(usage("winsim run: --processors does nothing with --backend wine (Wine on the host's kernel, threads and "
                        + "clock run it, over loopback, stopped after 120 s); drop it or use --backend sim"),
                winsim("run", "select-echo", "--backend", "wine", "--processors", "4"));
        assertEquals(usage("winsim script: --trace does nothing with --backend wine (the OS answers, with no trace); drop it "
                        + "or use --backend sim"),
                winsim("script", "../scripts/facts/ERR-01.wss", "--backend", "wine", "--trace", "t.txt"));
        assertEquals(usage("winsim script: --profile does nothing with --backend real (the OS answers, with no trace); drop it "
                        + "or use --backend sim"),
                winsim("script", "../scripts/facts/ERR-01.wss", "--backend", "real", "--profile", "linux"));
        assertEquals(usage("winsim run: --format does nothing without --trace FILE"),
                winsim("run", "select-echo", "--format", "chrome"));
        assertEquals(usage("winsim run: --trace and --report both name ./out.html: the report would overwrite the trace"),
                winsim("run", "select-echo", "--trace", "out.html", "--report", "./out.html"));
        assertEquals(usage("winsim run: --faults: fault 'loss' is given twice in 'loss=0.01,loss=0.02' (give each rate once)"),
                winsim("run", "select-echo", "--faults", "loss=0.01,loss=0.02"));
    }

    @Test
    void unknownBackendsAndComparisonSidesAreNamed() {
        assertEquals(usage("winsim run: unknown backend 'vms': use sim, real or wine"),
                winsim("run", "select-echo", "--backend", "vms"));
        assertEquals(usage("winsim script: unknown backend 'vms': use sim, real or wine"),
                winsim("script", "../scripts/facts/ERR-01.wss", "--backend", "vms"));
        assertEquals(usage("winsim compare: unknown --against 'windows': use real or wine"),
                winsim("compare", "../scripts/facts/ERR-01.wss", "--against", "windows"));
    }

    @Test
    void launcherCommandsAreListedAndExplainedWhenCalledDirectly() {
        Outcome help = winsim("--help");
        for (String command : List.of("list", "run", "script", "compare", "test", "bench", "help")) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " in\n" + help.out());
        }
        assertEquals(usage("winsim test: 'test' runs Maven: start it with the launcher, ./winsim test"),
                winsim("test", "-pl", "sim-core"));
        assertEquals(usage("winsim bench: 'bench' runs JMH: start it with the launcher, ./winsim bench"), winsim("bench"));
        assertEquals(usage("winsim: Unknown subcommand 'nosuch'. (see 'winsim --help')"), winsim("help", "nosuch"));
        assertEquals(usage("winsim: unknown command 'frobnicate': expected list, run, script, compare, explore, study, test, bench or "
                + "help (see 'winsim --help')"), winsim("frobnicate", "--clients", "3"));
        assertEquals(usage("winsim: a command is needed: list, run, script, compare, explore, study, test, bench or help (see 'winsim --help')"),
                winsim());
    }

    @Test
    void theWallClockLimitStopsARunWithExitFour() {
        Outcome o = winsim("run", "select-echo", "--clients", "2000", "--messages", "20", "--wall-limit", "1ms");
        assertEquals(4, o.code(), o.out() + o.err());
        assertEquals("winsim run: stopped after the wall-clock limit of 1ms (--wall-limit): the run was not finished, "
                + "which says nothing about the program\n", o.err(), "one line, and no progress lines when stderr is not a terminal");
        assertTrue(o.out().contains("\nresult          STOPPED: "), o.out());
        assertTrue(o.out().contains("\n  ABORTED at t="), o.out());
        assertTrue(o.out().contains("\nevents          65536\n"), "the guard looks every 65,536 events: " + o.out());
    }

    @Test
    void progressGoesToATerminalOnceASecondAfterTwoSecondsAndIsClearedAtTheEnd() {
        long[] clock = {0};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        WallGuard g = new WallGuard(WallGuard.parseLimit("10m"), "10m", err, () -> clock[0]);
        List<String> verdicts = new ArrayList<>();
        for (long ms : new long[] {500, 1900, 2100, 2600, 3200, 600_001}) {
            clock[0] = ms * 1_000_000;
            verdicts.add(String.valueOf(g.check(ms * 1000, ms * 65_536)));
        }
        g.done();
        assertEquals(List.of("null", "null", "null", "null", "null",
                "stopped by winsim after the wall-clock limit of 10m (--wall-limit); the run was not finished"), verdicts);
        String line1 = "winsim: running, virtual time 2.100ms, 137,625,600 events, 2 s of wall time (limit 10m)";
        String line2 = "winsim: running, virtual time 3.200ms, 209,715,200 events, 3 s of wall time (limit 10m)";
        String line3 = "winsim: running, virtual time 600.001ms, 39,321,665,536 events, 600 s of wall time (limit 10m)";
        assertEquals("\r" + line1 + "\r" + line2 + "\r" + line3 + "\r" + " ".repeat(line3.length()) + "\r",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void traceToStandardOutputLeavesTheSummaryOnStandardError() {
        Outcome o = winsim("run", "select-echo", "--trace", "-", "--format", "jsonl");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().lines().allMatch(l -> l.startsWith("{\"seq\":")), "stdout is the trace alone");
        assertTrue(o.out().lines().count() > 100);
        assertTrue(o.err().startsWith("scenario        select-echo"), o.err());
    }

    @Test
    void aTraceWriteThatFailsDuringTheRunExitsThreeWithTheReason() {
        assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full (Linux)");
        Outcome o = winsim("run", "select-echo", "--trace", "/dev/full");
        assertEquals(3, o.code());
        assertTrue(o.out().contains("result          OK"), "the run's own result is still reported: " + o.out());
        assertEquals("winsim run: writing the trace to /dev/full failed: No space left on device (the run itself completed)\n",
                o.err());
    }

    @Test
    void aTraceIsWrittenUnderATemporaryNameAndRenamedOnlyWhenTheRunEnded(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("t.json");
        TraceOptions t = new TraceOptions();
        t.file = target.toString();
        t.format = "chrome";
        TraceSink sink = t.open(new java.io.PrintWriter(System.out)).get(0);
        sink.accept(new TraceRecord(0, 0, 1, "server:main", "SPAWN", new String[] {"stack", "1"}));
        assertFalse(Files.exists(target), "nothing at the target while the run goes on");
        assertEquals(List.of(".t.json." + ProcessHandle.current().pid() + ".tmp"), names(dir));
        t.close(); // the run never finished its trace (it was cut short): nothing is left
        assertEquals(List.of(), names(dir));

        TraceOptions u = new TraceOptions();
        u.file = target.toString();
        u.format = "chrome";
        TraceSink s2 = u.open(new java.io.PrintWriter(System.out)).get(0);
        s2.accept(new TraceRecord(0, 0, 1, "server:main", "SPAWN", new String[] {"stack", "1"}));
        s2.finish();
        u.close();
        assertEquals(List.of("t.json"), names(dir));
        assertEquals(1, MainTest.chromeEvents(target).stream().filter(e -> e.get("ph").equals("i")).count());
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The host JVM running out of heap is winsim's failure (exit 3, one line), never a THREAD_FAILED finding of
     * the simulated program, and the trace of the unfinished run is not left behind. Runs a JVM with a 48 MiB heap,
     * where the simulated programs' 64 MiB message buffers cannot be allocated.
     */
    @Test
    void hostOutOfMemoryIsWinsimsFailureExitThree(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path trace = dir.resolve("t.json");
        Process p = new ProcessBuilder(java.toString(), "-Xmx48m", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "select-echo", "--size", "67108864", "--trace", trace.toString(), "--format", "chrome")
                .redirectErrorStream(false).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ends");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.exitValue(), out + err);
        assertEquals("", out);
        assertTrue(err.matches("winsim run: winsim itself ran out of memory \\(host JVM heap, -Xmx4\\dm\\): not a finding of "
                + "the simulated program; make the run smaller or give the JVM more heap \\(JAVA_TOOL_OPTIONS=-Xmx1024m\\)\n"), err);
        assertEquals(List.of(), names(dir), "no trace, not even a temporary one");
    }
}
