package org.winsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.winsim.scenarios.cli.MainTest.winsim;

import org.junit.jupiter.api.Test;
import org.winsim.scenarios.cli.MainTest.Outcome;

/**
 * The command line's Wine options end to end: {@code script --backend wine}, {@code compare --against
 * wine} (a divergence rule marking a line) and {@code run --backend wine}. Each command starts its own
 * agent. Skipped, with what to install, when Wine or mingw-w64 is missing (the command says so, exit 2).
 */
class WineCommandLineTest {
    private static Outcome onWine(String... args) {
        Outcome o = winsim(args);
        assumeFalse(o.code() == Main.USAGE && o.err().contains("the Wine agent cannot run"), o.err());
        return o;
    }

    @Test
    void scriptRunsOnWine() {
        Outcome o = onWine("script", "../scripts/facts/ERR-12.wss", "--backend", "wine");
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith("== ../scripts/facts/ERR-12.wss (wine, profile windows, seed 1)\n"), o.out());
        assertTrue(o.out().endsWith("1 scripts: 1 passed, 0 failed\n"), o.out());
    }

    @Test
    void compareAgainstWineMarksAKnownDivergenceByItsRule() {
        Outcome o = onWine("compare", "../scripts/facts/ERR-21.wss", "--against", "wine");
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith("== ../scripts/facts/ERR-21.wss (wine vs simulator, profile windows)\n"), o.out());
        assertTrue(o.out().contains("  0 0                        0 1234                     Wine divergence: W4: SO_ERROR is "
                + "not writable on Wine"), o.out());
        assertTrue(o.out().endsWith("1 scripts: 1 agree, 0 differ, 0 skipped; lines: 7 agree, 0 differ, 1 Wine divergence, "
                + "0 not compared, 0 failed\n"), o.out());
    }

    @Test
    void runOnWineVerifiesEveryByte() {
        Outcome o = onWine("run", "select-echo", "--backend", "wine", "--clients", "3", "--messages", "2");
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("scenario        select-echo (wine, profile windows, loopback, seed 1)"), o.out());
        assertTrue(o.out().contains("result          OK: 3072 of 3072 bytes echoed and verified"), o.out());
    }
}
