package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A script skipped on a host counts as skipped only when nothing failed before the skip. */
class ScriptReportTest {
    private static final LineResult OK = new LineResult(2, "listen l 5", "0", null, "0", null, null);
    private static final LineResult BAD = new LineResult(3, "WSASendDisconnect l", "0", null, "SOCKET_ERROR WSAENOTCONN", null,
            "MISMATCH expected SOCKET_ERROR WSAENOTCONN got 0");

    @Test
    void aLineThatFailedBeforeTheSkipMakesItAFailure() {
        ScriptReport clean = new ScriptReport("t.wss", "real linux", "linux", 1, List.of(OK), null, "X is not supported on linux");
        ScriptReport failed = new ScriptReport("t.wss", "real linux", "linux", 1, List.of(OK, BAD), null, "X is not supported on linux");
        assertEquals(true, clean.skippedCleanly());
        assertEquals(false, failed.skippedCleanly());
        assertEquals(false, failed.passed());
        StringWriter w = new StringWriter();
        failed.print(new PrintWriter(w, true));
        assertEquals(List.of("-- SKIPPED: X is not supported on linux", "-- FAIL: 1 of the 2 statements before the skip failed"),
                w.toString().lines().skip(3).toList());
    }
}
