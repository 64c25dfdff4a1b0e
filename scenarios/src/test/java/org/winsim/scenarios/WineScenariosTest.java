package org.winsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lecture scenario on Wine ({@code winsim run NAME --backend wine}) at 10 clients echoes and
 * verifies every byte; its processes are programs of one agent, their threads agent threads. Skipped,
 * with what to install, when Wine or mingw-w64 is missing.
 */
class WineScenariosTest {
    private static WineOs wine;

    @BeforeAll
    static void startWine() {
        wine = WineOsForTests.startOrSkip();
    }

    @AfterAll
    static void stopWine() {
        if (wine != null) {
            wine.close();
        }
    }

    static Stream<String> names() {
        return Scenarios.all().stream().map(Scenario::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void runsOnWineAtTenClients(String name) {
        ScenarioParams params = new ScenarioParams(10, 10, 512, 1);
        long t0 = System.nanoTime();
        RunReport r = ScenarioRunner.runReal(Scenarios.named(name).orElseThrow(), params, wine);
        System.out.println(name + " on Wine, 10 clients x 10 x 512 B: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals(List.of(), r.failures());
        assertEquals(params.totalBytes(), r.stats().bytesVerified());
        assertEquals("wine", r.backend());
    }
}
