package org.winsim.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.winsim.scenarios.study.Study;
import org.winsim.scenarios.study.StudyPlot;
import org.winsim.scenarios.study.StudyRow;
import org.winsim.scenarios.study.StudyTable;
import org.winsim.winsock.sim.OsProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code winsim study}: every I/O model's server against the same clients at each client count, as a table and a plot. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run every I/O model's server against the same client workload at each client count and write "
                + "the comparison (attempted / connected, threads, peak stack and non-paged memory, CPU and context "
                + "switches per message, throughput in virtual time, wall time) as Markdown, CSV and an SVG plot.",
            "Exit 0 when the study ran (a model failing at some count is a result, not an error), 2 on bad usage."})
final class StudyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--clients", paramLabel = "LIST", split = ",",
            description = "Client counts, comma-separated, each 1 to 1,000,000. Default: 1000,5000,10000,50000 "
                    + "(with --quick: 100,1000,2500). Counts over 16384 run at 16384: one client host's ephemeral ports.")
    List<Long> clients;

    @Option(names = "--messages", paramLabel = "N",
            description = "Messages per client, 1 to 1,000,000. Default: 10 (with --quick: 5).")
    Long messages;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "512",
            description = "Bytes per message, 1 to 65536. Default: ${DEFAULT-VALUE}.")
    long size;

    @Option(names = "--processors", paramLabel = "N", defaultValue = "2",
            description = "Simulated processors of the server's host, 1 to 1024. Default: ${DEFAULT-VALUE}.")
    long processors;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of every run. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--non-paged-pool", paramLabel = "MIB",
            description = "The server host's non-paged pool in MiB, 1 to 131072 (the clients' 64-bit host has 128 GiB). "
                    + "Default: the profile's (256 on windows).")
    Long nonPagedPoolMib;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "study",
            description = "Where study.md, study.csv and study.svg go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quick", description = "A small study (100, 1,000 and 2,500 clients, 5 messages) that takes well under 2 minutes.")
    boolean quick;

    @Option(names = "--wall-limit", paramLabel = "DURATION", defaultValue = "10m",
            description = "Stop any one run that takes longer than this real time (its row says so). Default: ${DEFAULT-VALUE}.")
    String wallLimit;

    @Override
    public Integer call() {
        List<Long> counts = clients != null ? clients : (quick ? Study.QUICK_CLIENTS : Study.DEFAULT_CLIENTS).stream()
                .map(Long::valueOf).toList();
        for (long c : counts) {
            RunCommand.within("--clients", c, 1, RunCommand.MAX_CLIENTS);
        }
        long m = messages != null ? messages : quick ? 5 : 10;
        RunCommand.within("--messages", m, 1, RunCommand.MAX_MESSAGES);
        RunCommand.within("--size", size, 1, 65536);
        RunCommand.within("--processors", processors, 1, RunCommand.MAX_PROCESSORS);
        OsProfile profile = OsProfile.WINDOWS;
        if (nonPagedPoolMib != null) {
            RunCommand.within("--non-paged-pool", nonPagedPoolMib, 1, 128L << 10);
            profile = profile.withNonPagedPool(nonPagedPoolMib << 20);
        }
        long wallNanos = WallGuard.parseLimit(wallLimit);
        try {
            Files.createDirectories(out);
        } catch (IOException | RuntimeException e) {
            throw new Main.UsageError("cannot create the output directory " + Main.cut(out.toString()) + ": " + e.getMessage());
        }
        Study.Settings settings = new Study.Settings(counts.stream().map(Long::intValue).toList(), (int) m, (int) size,
                (int) processors, seed, profile);
        PrintWriter pw = spec.commandLine().getOut();
        StudyTable.header().forEach(pw::println);
        pw.flush();
        List<StudyRow> rows;
        try {
            rows = new Study(settings, Study.MODELS, () -> new WallGuard(wallNanos, wallLimit, null)).run(r -> {
                pw.println(StudyTable.markdownRow(r));
                pw.flush();
            });
        } catch (VirtualMachineError e) {
            throw new Main.HostFailure(Main.hostError(e));
        }
        write(out.resolve("study.md"), StudyTable.markdown(settings, rows));
        write(out.resolve("study.csv"), StudyTable.csv(rows));
        write(out.resolve("study.svg"), StudyPlot.svg(rows));
        pw.println();
        pw.println("wrote " + out.resolve("study.md") + ", " + out.resolve("study.csv") + ", " + out.resolve("study.svg"));
        pw.flush();
        return Main.OK;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Main.HostFailure("cannot write " + file + ": " + e.getMessage());
        }
    }
}
