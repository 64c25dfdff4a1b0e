package org.winsim.scenarios.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioRunner;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.SimBackend;
import org.winsim.winsock.sim.OsProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code winsim run NAME}: runs a scenario on the simulator and prints its summary. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a scenario on the simulator and print a summary: virtual time, bytes echoed and verified, "
                + "threads, context switches, CPU per thread. Exit 0 when it succeeds, 1 when it fails.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The scenario (see 'winsim list').")
    String name;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the run. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "4", description = "Client connections. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "10", description = "Messages per client. Default: ${DEFAULT-VALUE}.")
    int messages;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "512", description = "Bytes per message. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "windows", description = "windows or linux. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--network", paramLabel = "N", defaultValue = "loopback",
            description = "loopback (one host) or lan (server and clients on two hosts). Default: ${DEFAULT-VALUE}.")
    String network;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "sim",
            description = "sim (the simulator) or real (real OS sockets over loopback; times are wall time). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--processors", paramLabel = "N", defaultValue = "2", description = "Simulated processors. Default: ${DEFAULT-VALUE}.")
    int processors;

    @Option(names = "--address-space", paramLabel = "MIB",
            description = "Address space of each process in MiB, which thread stacks (1 MiB on Windows) come from. "
                    + "Default: the profile's (2048 for windows: a 32-bit process).")
    Integer addressSpaceMib;

    @Mixin
    TraceOptions trace;

    @Override
    public Integer call() {
        Scenario scenario = Scenarios.named(name).orElseThrow(
                () -> new Main.UsageError("unknown scenario '" + name + "' (see 'winsim list')"));
        OsProfile os = OsProfile.named(profile);
        if (os == null) {
            throw new Main.UsageError("unknown profile '" + profile + "': use windows or linux");
        }
        SimBackend.Topology topology = switch (network) {
            case "loopback" -> SimBackend.Topology.LOOPBACK;
            case "lan" -> SimBackend.Topology.LAN;
            default -> throw new Main.UsageError("unknown network '" + network + "': use loopback or lan");
        };
        positive("--clients", clients);
        positive("--messages", messages);
        positive("--size", size);
        positive("--processors", processors);
        if (addressSpaceMib != null) {
            positive("--address-space", addressSpaceMib);
            os = os.withAddressSpace((long) addressSpaceMib << 20);
        }
        ScenarioParams params = new ScenarioParams(clients, messages, size, seed);
        RunReport report;
        if (backend.equals("real")) {
            if (trace.file != null || topology != SimBackend.Topology.LOOPBACK || addressSpaceMib != null) {
                throw new Main.UsageError("--trace, --network lan and --address-space need the simulator (--backend sim)");
            }
            report = ScenarioRunner.runReal(scenario, params);
            report.print(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return report.succeeded() ? Main.OK : Main.FAILED;
        }
        if (!backend.equals("sim")) {
            throw new Main.UsageError("unknown backend '" + backend + "': use sim or real");
        }
        try {
            report = ScenarioRunner.runSimulated(scenario, params, os, topology, processors, trace.open());
        } finally {
            trace.close();
        }
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        out.flush();
        return report.succeeded() ? Main.OK : Main.FAILED;
    }

    private static void positive(String option, int v) {
        if (v < 1) {
            throw new Main.UsageError(option + " must be at least 1, not " + v);
        }
    }
}
