package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kernel32 verb and the script's own verbs on the simulator: the exact result every line shows. */
class Kernel32VerbsTest {
    /** Runs a script and returns each line's result as {@code LINE: RESULT}. */
    private static List<String> results(String text) throws Exception {
        ScriptReport r = SimScriptRunner.run(ScriptParser.parse("k.wss", text), null, List.of());
        return r.lines().stream().map(l -> l.line() + ": " + l.result() + (l.ok() ? "" : " (" + l.problem() + ")")).toList();
    }

    @Test
    void eventsAndHandles() throws Exception {
        assertEquals(List.of("1: e", "2: TRUE", "3: WAIT_OBJECT_0", "4: WAIT_TIMEOUT", "5: TRUE", "6: TRUE", "7: WAIT_TIMEOUT",
                "8: TRUE", "9: FALSE ERROR_INVALID_HANDLE", "10: ERROR_INVALID_HANDLE", "11: FALSE ERROR_INVALID_HANDLE",
                "12: FALSE ERROR_INVALID_HANDLE", "13: m", "14: WAIT_OBJECT_0", "15: WAIT_OBJECT_0"), results("""
                e = CreateEvent FALSE FALSE
                SetEvent e
                WaitForSingleObject e 0
                WaitForSingleObject e 0
                SetEvent e
                ResetEvent e
                WaitForSingleObjectEx e 0 TRUE
                CloseHandle e
                CloseHandle e
                GetLastError
                SetEvent 0x1234
                ResetEvent e
                m = CreateEvent TRUE TRUE
                WaitForSingleObject m 0
                WaitForSingleObject m 0
                """));
    }

    @Test
    void waitForMultipleObjects() throws Exception {
        assertEquals(List.of("1: a", "2: b", "3: WAIT_TIMEOUT", "4: WAIT_OBJECT_0+1", "5: WAIT_TIMEOUT", "6: TRUE",
                "7: WAIT_OBJECT_0", "8: WAIT_TIMEOUT", "9: WAIT_FAILED ERROR_INVALID_PARAMETER", "10: WAIT_FAILED ERROR_INVALID_HANDLE",
                "11: WAIT_OBJECT_0+1"), results("""
                a = CreateEvent FALSE FALSE
                b = CreateEvent TRUE TRUE
                WaitForMultipleObjects {a,b} TRUE 0
                WaitForMultipleObjects {a,b} FALSE 0
                WaitForMultipleObjects {a} FALSE 5
                SetEvent a
                WaitForMultipleObjectsEx {a,b} TRUE 0 TRUE
                WaitForSingleObject a 0
                WaitForMultipleObjects {} FALSE 0
                WaitForMultipleObjects {b,0x999} FALSE 0
                WaitForMultipleObjects {a,b} FALSE INFINITE => WAIT_OBJECT_0+1
                """));
    }

    @Test
    void apcsAreRecordedInOrderAndRunOnlyInAlertableWaits() throws Exception {
        assertEquals(List.of("1: TRUE", "2: TRUE", "3: 0", "4: 0 data={} thread={} order={}", "5: WAIT_IO_COMPLETION",
                "6: 2 data={5,6} thread={main,main} order={1,2}", "7: 0", "8: started", "9: TRUE", "10: WAIT_IO_COMPLETION",
                "11: 3 data={5,6,7} thread={main,main,t} order={1,2,3}", "12: FALSE ERROR_INVALID_HANDLE"), results("""
                QueueUserAPC p self 5
                QueueUserAPC p self 6 => TRUE
                SleepEx 0 FALSE
                calls p
                SleepEx INFINITE TRUE
                calls p => 2 data={5,6} thread={main,main} order={1,2}
                SleepEx 0 TRUE
                spawn t: SleepEx INFINITE TRUE
                QueueUserAPC p t 7
                join t
                calls p => 3 data={5,6,7}
                QueueUserAPC p 0x4444 1
                """));
    }

    @Test
    void aCallbackRecordMismatchNamesBothSides() throws Exception {
        assertEquals(List.of("1: TRUE", "2: WAIT_IO_COMPLETION",
                "3: 1 data={5} thread={main} order={1} (MISMATCH expected 1 data={6} got 1 data={5} thread={main} order={1})"),
                results("QueueUserAPC p self 5\nSleepEx 0 TRUE\ncalls p => 1 data=6\n"));
    }

    @Test
    void joinTakesTheSpawnedVerbsConvention() throws Exception {
        assertEquals(List.of("1: e", "2: started", "3: PENDING", "4: TRUE", "5: WAIT_OBJECT_0", "6: started", "7: 0",
                "8: WAIT_FAILED ERROR_INVALID_HANDLE"), results("""
                e = CreateEvent TRUE FALSE
                spawn w: WaitForSingleObject e INFINITE
                join w 5ms => PENDING
                SetEvent e
                join w => WAIT_OBJECT_0
                spawn z: SleepEx 1 FALSE
                join z => 0
                WaitForSingleObject 0x5555 0
                """));
    }

    @Test
    void aThreadNameIsAWaitableHandle() throws Exception {
        assertEquals(List.of("1: started", "2: WAIT_TIMEOUT", "3: WAIT_OBJECT_0", "4: TRUE", "5: WAIT_FAILED ERROR_INVALID_HANDLE"),
                results("""
                spawn z: SleepEx 20 FALSE
                WaitForSingleObject z 5
                WaitForSingleObject z INFINITE
                CloseHandle z
                WaitForSingleObject z 0
                """));
    }
}
