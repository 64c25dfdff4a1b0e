package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.WinBase;

/** The facts tests' fixture: an assertion failing inside a simulated thread always fails the test. */
class FixtureTest {
    @Test
    void aFailedAssertionInTheMainSimulatedThreadFailsRunAndRunRaw() {
        assertThrows(AssertionError.class, () -> Fixture.run(w -> assertEquals(1, 2)));
        assertThrows(AssertionError.class, () -> Fixture.runRaw(OsProfile.WINDOWS, w -> assertEquals(1, 2)));
    }

    @Test
    void aFailedAssertionInAnotherSimulatedThreadFailsTheTest() {
        assertThrows(AssertionError.class, () -> Fixture.runRaw(OsProfile.WINDOWS, w -> {
            long t = w.CreateThread(null, 0, p -> {
                assertEquals(1, 2);
                return 0;
            }, null, 0, null);
            w.WaitForSingleObject(t, WinBase.INFINITE);
        }));
    }
}
