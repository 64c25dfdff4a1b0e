package org.winsim.realbackend.wine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding Wine and the compiler: what a machine without them is told (runs everywhere, no Wine needed). */
class WineAgentToolsTest {
    @Test
    void aMachineWithoutWineOrTheCompilerIsToldWhatToInstall(@TempDir Path empty) {
        WineUnavailable e = assertThrows(WineUnavailable.class, () -> WineAgent.findTools(empty.toString(), empty));
        assertEquals("the Wine agent cannot run: this machine lacks wine (neither wine64 nor wine is on PATH) and "
                + "x86_64-w64-mingw32-gcc; install them with `apt-get install wine64 gcc-mingw-w64-x86-64`", e.getMessage());
    }

    @Test
    void wineWithoutTheCompilerStillRunsABuiltAgent(@TempDir Path dir) throws Exception {
        for (String tool : new String[] {"wine", "wineserver"}) {
            Path p = Files.createFile(dir.resolve(tool));
            p.toFile().setExecutable(true);
        }
        WineAgent.Tools t = WineAgent.findTools(dir.toString(), dir.resolve("lib"));
        assertEquals(dir.resolve("wine"), t.wine());
        assertEquals(dir.resolve("wineserver"), t.wineserver());
        assertEquals(Optional.empty(), t.compiler());
    }
}
