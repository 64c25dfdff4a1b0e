package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.scenarios.script.Comparison.Row;
import org.winsim.scenarios.script.Comparison.Verdict;

/** A comparison the real side skipped counts as skipped only when nothing differed before the skip. */
class ComparisonSkipTest {
    private static final ScriptReport REAL = new ScriptReport("t.wss", "real linux", "linux", 1, List.of(), null,
            "CreateIoCompletionPort is not supported on linux");
    private static final ScriptReport SIM = new ScriptReport("t.wss", "simulator", "linux", 1, List.of(), null, null);
    private static final Row AGREED = new Row(2, "listen l 5", "0", "0", Verdict.AGREE, "");
    private static final Row AFTER = new Row(9, "port = CreateIoCompletionPort c NULL 0 0", "SKIPPED", "port", Verdict.NOT_COMPARED,
            "skipped on real linux");

    @Test
    void aDifferenceBeforeTheSkipIsCounted() {
        Comparison clean = new Comparison("t.wss", "real linux", "linux", null, List.of(AGREED, AFTER), REAL, SIM);
        assertEquals(true, clean.skipped());
        assertEquals(0L, clean.differences());
        Row differed = new Row(8, "WSASendDisconnect l", "0", "SOCKET_ERROR WSAENOTCONN", Verdict.DIFFER, "");
        Comparison hidden = new Comparison("t.wss", "real linux", "linux", null, List.of(AGREED, differed, AFTER), REAL, SIM);
        assertEquals(false, hidden.skipped());
        assertEquals(1L, hidden.differences());
    }
}
