package org.winsim.scenarios.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.winsim.scenarios.RealOs;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioRunner;
import org.winsim.scenarios.SimBackend;
import org.winsim.sim.FindingKind;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.scenarios.lecture.AsyncSelectEcho;
import org.winsim.winsock.sim.OsProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code winsim run NAME}: runs a scenario on the simulator and prints its summary. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a scenario on the simulator (or real sockets) and print a summary.", "Summary: virtual time, bytes echoed and verified, threads, context switches, CPU per thread. "
                + "Exit 0 when it succeeds, 1 when it fails, 2 on bad usage, 3 when winsim itself fails (the host JVM "
                + "ran out of memory, the trace could not be written), 4 when the run passed its wall-clock limit."})
final class RunCommand implements Callable<Integer> {
    /** Bounds of the numeric options: what a run can sensibly ask for, said in the message that rejects it. */
    static final long MAX_CLIENTS = 1_000_000;
    static final long MAX_MESSAGES = 1_000_000;
    static final long MAX_SIZE = 64L << 20;
    static final long MAX_PROCESSORS = 1024;
    /** 128 TiB: the user address space of a 64-bit Windows process. */
    static final long MAX_ADDRESS_SPACE_MIB = 128L << 20;
    /** 1 PiB: more than any run could echo in a week. */
    static final long MAX_TOTAL_BYTES = 1L << 50;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "NAME", description = "The scenario (see 'winsim list').")
    String name;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the run. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "4",
            description = "Client connections, 1 to 1,000,000. Default: ${DEFAULT-VALUE}.")
    long clients;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "10",
            description = "Messages per client, 1 to 1,000,000. Default: ${DEFAULT-VALUE}.")
    long messages;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "512",
            description = "Bytes per message, 1 to 67108864 (64 MiB). Default: ${DEFAULT-VALUE}.")
    long size;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "windows", description = "windows or linux. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--network", paramLabel = "N", defaultValue = "loopback",
            description = "loopback (one host) or lan (server and clients on two hosts). Default: ${DEFAULT-VALUE}.")
    String network;

    @Option(names = "--as-written", description = "Runs the lecture's program exactly as written, mistakes included "
            + "(scenarios that have such a version).")
    boolean asWritten;

    @Option(names = "--client-hosts", paramLabel = "N",
            description = "Hosts the client processes are spread over with --network lan, 1 to 1024 (each has 16,384 "
                    + "ephemeral ports). Default: one per 16,000 clients.")
    Long clientHosts;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "sim",
            description = "sim (the simulator), real (real OS sockets over loopback) or wine (Wine's ws2_32 through the agent, "
                    + "over loopback; for small runs); times are wall time on real and wine. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--processors", paramLabel = "N", defaultValue = "2",
            description = "Simulated processors of each host, 1 to 1024. Default: ${DEFAULT-VALUE}.")
    long processors;

    @Option(names = "--address-space", paramLabel = "MIB",
            description = "Address space of each process in MiB (1 to 134217728), which thread stacks (1 MiB on Windows) "
                    + "come from. Default: the profile's (2048 for windows: a 32-bit process).")
    Long addressSpaceMib;

    @Option(names = "--wall-limit", paramLabel = "DURATION", defaultValue = "10m",
            description = "Stop the run (exit 4) when it has taken this much real time, 1ms to 7d: e.g. 90s, 10m, 2h. "
                    + "It only ever stops a run, it never changes one. Default: ${DEFAULT-VALUE}.")
    String wallLimit;

    @Option(names = "--faults", paramLabel = "PLAN", defaultValue = "none",
            description = "Faults to inject, e.g. 'loss=0.01,reset@conn3:4096,sched=random' (see README). "
                    + "Default: ${DEFAULT-VALUE}.")
    String faults;

    @Option(names = "--case", paramLabel = "N",
            description = "async-select-echo only: reproduce the lecture's timing case N (1 to 4) on the first connection; "
                    + "messages are 1024 bytes, and cases 2 and 4 inject partial-send@conn1:512 (see README).")
    Integer timingCase;

    @Mixin
    TraceOptions trace;

    @Mixin
    ReportOption htmlReport;

    @Override
    public Integer call() {
        Scenario scenario = Main.scenario(name);
        OsProfile os = Main.profile(profile);
        SimBackend.Topology topology = Main.topology(network);
        if (!backend.equals("sim") && !backend.equals("real") && !backend.equals("wine")) {
            throw new Main.UsageError("unknown backend '" + Main.cut(backend) + "': use sim, real or wine");
        }
        within("--clients", clients, 1, MAX_CLIENTS);
        within("--messages", messages, 1, MAX_MESSAGES);
        within("--size", size, 1, MAX_SIZE);
        within("--processors", processors, 1, MAX_PROCESSORS);
        java.math.BigInteger total = java.math.BigInteger.valueOf(clients).multiply(java.math.BigInteger.valueOf(messages))
                .multiply(java.math.BigInteger.valueOf(size));
        if (total.compareTo(java.math.BigInteger.valueOf(MAX_TOTAL_BYTES)) > 0) {
            throw new Main.UsageError("--clients x --messages x --size must be at most 1 PiB (" + MAX_TOTAL_BYTES
                    + " bytes) (got " + total + ")");
        }
        if (addressSpaceMib != null) {
            within("--address-space", addressSpaceMib, 1, MAX_ADDRESS_SPACE_MIB);
            os = os.withAddressSpace(addressSpaceMib << 20);
        }
        int hosts = SimBackend.clientHostsFor(topology, clients);
        if (clientHosts != null) {
            within("--client-hosts", clientHosts, 1, SimBackend.MAX_CLIENT_HOSTS);
            if (clientHosts > 1 && topology != SimBackend.Topology.LAN) {
                throw new Main.UsageError("--client-hosts " + clientHosts + " needs --network lan (loopback is one host)");
            }
            hosts = clientHosts.intValue();
        }
        long wallNanos = WallGuard.parseLimit(wallLimit);
        FaultPlan plan = Main.faultPlan(faults);
        if (timingCase != null) { // issue 11: the lecture's AsyncSelectServer timing cases
            if (!(scenario instanceof AsyncSelectEcho)) {
                throw new Main.UsageError("--case is a timing case of async-select-echo, not of " + scenario.name());
            }
            within("--case", timingCase, 1, 4);
            if (spec.commandLine().getParseResult().hasMatchedOption("--size") && size != AsyncSelectEcho.CASE_SIZE) {
                throw new Main.UsageError("--case uses the lecture's 1024-byte messages: drop --size");
            }
            size = AsyncSelectEcho.CASE_SIZE;
            AsyncSelectEcho c = AsyncSelectEcho.timingCase(timingCase);
            scenario = c;
            List<FaultPlan.Fault> both = new ArrayList<>(plan.faults());
            both.addAll(c.faults().faults());
            plan = new FaultPlan(both);
        }
        trace.check();
        htmlReport.checkApartFrom(trace);
        if (asWritten && !scenario.hasAsWritten()) {
            throw new Main.UsageError("--as-written: scenario '" + scenario.name() + "' has no version as written that differs from its default");
        }
        ScenarioParams params = new ScenarioParams((int) clients, (int) messages, (int) size, seed, asWritten);
        if (!backend.equals("sim")) {
            rejectOnReal();
            if (backend.equals("real") && scenario.needsWindows() && !com.sun.jna.Platform.isWindows()) {
                throw new Main.UsageError(scenario.name() + " calls functions only Windows has (WSAEventSelect, WSAAsyncSelect, "
                        + "windows, overlapped I/O): --backend real cannot run it on this host (--backend wine can)");
            }
            RunReport report;
            try (RealOs real = RealOsChoice.open("--backend", backend)) {
                report = ScenarioRunner.runReal(scenario, params, real);
            } catch (VirtualMachineError e) {
                throw new Main.HostFailure(Main.hostError(e));
            }
            report.print(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return report.succeeded() ? Main.OK : Main.FAILED;
        }
        PrintWriter out = trace.toStdout() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        WallGuard guard = new WallGuard(wallNanos, wallLimit, main.stderrIsTerminal ? main.err : null);
        RunReport report;
        List<org.winsim.sim.trace.TraceSink> sinks = new ArrayList<>(htmlReport.open());
        try {
            sinks.addAll(trace.open(spec.commandLine().getOut()));
            report = ScenarioRunner.runSimulated(scenario, params, os, topology, hosts, (int) processors, sinks, guard, plan, false);
        } catch (VirtualMachineError e) {
            guard.done();
            trace.discard();
            throw new Main.HostFailure(Main.hostError(e));
        } finally {
            guard.done();
        }
        report.print(out);
        out.flush();
        trace.close(); // after the summary: a trace that could not be written does not hide the run's result
        RunReport finished = report;
        htmlReport.write(name + " --clients " + clients + " --messages " + messages + " --size " + size, finished::print);
        if (report.result().finding() != null && report.result().finding().kind() == FindingKind.ABORTED) {
            spec.commandLine().getErr().println("winsim run: stopped after the wall-clock limit of " + wallLimit
                    + " (--wall-limit): the run was not finished, which says nothing about the program");
            return Main.WALL_LIMIT;
        }
        return report.succeeded() ? Main.OK : Main.FAILED;
    }

    /** Options that do nothing on real sockets are refused by name rather than silently ignored. */
    private void rejectOnReal() {
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        List<String> idle = new ArrayList<>();
        for (String o : List.of("--profile", "--network", "--client-hosts", "--processors", "--address-space", "--wall-limit",
                "--trace", "--format", "--faults", "--report", "--case")) {
            if (pr.hasMatchedOption(o)) {
                idle.add(o);
            }
        }
        if (!idle.isEmpty()) {
            throw new Main.UsageError(String.join(", ", idle) + (idle.size() == 1 ? " does" : " do")
                    + " nothing with --backend " + backend + " (" + (backend.equals("wine") ? "Wine on the host's kernel"
                    : "the host's own kernel") + ", threads and clock run it, over loopback, "
                    + "stopped after " + ScenarioRunner.REAL_LIMIT.toSeconds() + " s); drop "
                    + (idle.size() == 1 ? "it" : "them") + " or use --backend sim");
        }
    }

    static void within(String option, long v, long min, long max) {
        if (v < min || v > max) {
            throw new Main.UsageError(option + " must be between " + min + " and " + max + " (got " + v + ")");
        }
    }
}
