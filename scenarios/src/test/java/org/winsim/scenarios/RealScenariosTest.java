package org.winsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario on real OS sockets over loopback (on Linux hosts) echoes and verifies every byte. */
class RealScenariosTest {
    static Stream<String> names() {
        return Scenarios.all().stream().filter(s -> !s.needsWindows()).map(Scenario::name); // overlapped I/O is Windows-only
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void runsOnRealSockets(String name) {
        assumeTrue(Platform.isLinux(), "the real backend is exercised on Linux hosts");
        ScenarioParams params = new ScenarioParams(8, 20, 700, 1);
        RunReport r = ScenarioRunner.runReal(Scenarios.named(name).orElseThrow(), params);
        assertEquals(List.of(), r.failures());
        assertEquals(params.totalBytes(), r.stats().bytesVerified());
        assertEquals("real linux", r.backend());
    }
}
