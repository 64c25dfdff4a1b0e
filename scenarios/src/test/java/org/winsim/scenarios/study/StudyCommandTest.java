package org.winsim.scenarios.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.cli.Main;

/** {@code winsim study}: a small study through the command line, its table, CSV and plot. */
class StudyCommandTest {
    private static final List<String> COUNTS = List.of("2", "5");

    @Test
    void aSmallStudyHasARowPerModelAndCountEveryColumnAndAPlot(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"study", "--quick", "--clients", String.join(",", COUNTS), "--messages", "2",
            "--size", "64", "--out", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err);

        List<String> table = Files.readString(dir.resolve("study.md")).lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(StudyTable.header(), table.subList(0, 2));
        List<String> rows = table.subList(2, table.size());
        assertEquals(Study.MODELS.size() * COUNTS.size(), rows.size(), String.join("\n", table));
        List<String> csv = Files.readString(dir.resolve("study.csv")).lines().toList();
        assertEquals(String.join(",", StudyTable.CSV_COLUMNS), csv.get(0));
        assertEquals(rows.size() + 1, csv.size());
        int i = 0;
        for (IoModel m : Study.MODELS) {
            boolean built = Scenarios.named(m.scenario()).isPresent();
            for (String n : COUNTS) {
                String row = rows.get(i);
                String[] cells = row.substring(2, row.length() - 2).split(" \\| ", -1);
                assertEquals(StudyTable.COLUMNS.size(), cells.length, row);
                assertEquals(m.label(), cells[0], row);
                assertEquals(built ? n + " / " + n : n + " / –", cells[1], row);
                assertEquals(built ? "OK" : "not built yet (" + m.scenario() + ")", cells[cells.length - 1], row);
                assertTrue(printed.contains(row), "printed as it was measured: " + row);
                String[] fields = csv.get(1 + i).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
                assertEquals(StudyTable.CSV_COLUMNS.size(), fields.length, csv.get(1 + i));
                assertEquals(m.scenario(), fields[1]);
                i++;
            }
        }
        String svg = Files.readString(dir.resolve("study.svg"));
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        long built = Study.MODELS.stream().filter(m -> Scenarios.named(m.scenario()).isPresent()).count();
        assertEquals(2 * built, svg.lines().filter(l -> l.startsWith("<polyline")).count(), "a line per built model in each panel");
        assertTrue(svg.contains("throughput") && svg.contains("server threads"));
    }

    @Test
    void theBlockingServerRunsOutOfAddressSpaceWhereTheSelectServerDoesNot() {
        Study.Settings s = new Study.Settings(List.of(2500), 5, 512, 2, 1, org.winsim.winsock.sim.OsProfile.WINDOWS);
        List<StudyRow> rows = new Study(s, List.of(Study.MODELS.get(0), Study.MODELS.get(2)), () -> null).run(r -> { });
        StudyRow blocking = rows.get(0);
        assertEquals("server: CreateThread failed: ERROR_NOT_ENOUGH_MEMORY", blocking.outcome());
        assertEquals(2048, blocking.threads(), "2 GiB of 1 MiB stacks");
        assertEquals(2048L << 20, blocking.peakStackBytes());
        StudyRow select = rows.get(1);
        assertEquals("OK", select.outcome());
        assertEquals(2500, select.connected());
        assertEquals(1, select.threads());
    }

    @Test
    void aSpentNonPagedPoolFailsTheServersAcceptWithNoBuffers() {
        org.winsim.winsock.sim.OsProfile small = org.winsim.winsock.sim.OsProfile.WINDOWS.withNonPagedPool(32 * 2048);
        Study.Settings s = new Study.Settings(List.of(100), 5, 64, 2, 1, small);
        StudyRow select = new Study(s, List.of(Study.MODELS.get(2)), () -> null).run(r -> { }).get(0);
        assertEquals(32 * 2048, select.peakNonPagedBytes(), select.toString());
        assertTrue(select.connected() > 32, "the clients' own machine has room: " + select);
        assertTrue(select.outcome().startsWith("server: accept failed: WSAENOBUFS"), select.outcome());
    }

    @Test
    void countsOverOneClientHostsPortsAreCapped() {
        Study.Settings s = new Study.Settings(List.of(50_000), 1, 64, 2, 1, org.winsim.winsock.sim.OsProfile.WINDOWS);
        StudyRow row = new Study(s, List.of(new IoModel("nothing", "no-such-scenario")), () -> null).run(r -> { }).get(0);
        assertEquals(50_000, row.attempted());
        assertEquals(Study.ONE_HOST_CLIENTS, row.ran());
        assertEquals("| nothing | 16,384* / – | – | – | – | – | – | – | – | – | – | not built yet (no-such-scenario) |",
                StudyTable.markdownRow(row));
    }
}
