package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.BOOL;
import static org.winsim.scenarios.script.Convention.ERROR_CODE;
import static org.winsim.scenarios.script.Convention.HANDLE;
import static org.winsim.scenarios.script.Convention.SLEEP;
import static org.winsim.scenarios.script.Convention.WAIT;

import java.util.List;
import org.winsim.scenarios.script.Script.HandleRef;

/** The kernel32 verbs: events, handles, waits, alertable sleeps and APCs, one registry entry per function. */
final class Kernel32Verbs {
    /** What a wait may wait on. */
    private static final NameType[] WAITABLE = {NameType.EVENT, NameType.THREAD, NameType.SOCKET, NameType.PORT};
    /** What CloseHandle may close: any handle. */
    private static final NameType[] ANY = NameType.values();

    private Kernel32Verbs() {
    }

    static List<Verb> all() {
        return List.of(
                new Verb("CreateEvent", "MANUAL INITIAL", Shape.of(HANDLE), NameType.EVENT, a -> {
                    boolean manual = a.bool("bManualReset (TRUE or FALSE)");
                    boolean initial = a.bool("bInitialState (TRUE or FALSE)");
                    return st -> st.result(HANDLE, st.w().CreateEvent(null, manual, initial, null));
                }, "CreateEvent(NULL, bManualReset, bInitialState, NULL): an unnamed event"),
                new Verb("SetEvent", "EVENT", Shape.of(BOOL), null, a -> {
                    HandleRef e = a.handle(NameType.EVENT);
                    return st -> st.result(BOOL, st.w().SetEvent(st.handle(e)));
                }, "SetEvent()"),
                new Verb("ResetEvent", "EVENT", Shape.of(BOOL), null, a -> {
                    HandleRef e = a.handle(NameType.EVENT);
                    return st -> st.result(BOOL, st.w().ResetEvent(st.handle(e)));
                }, "ResetEvent()"),
                new Verb("CloseHandle", "HANDLE", Shape.of(BOOL), null, a -> {
                    HandleRef h = a.handle(ANY);
                    return st -> st.result(BOOL, st.w().CloseHandle(st.handle(h)));
                }, "CloseHandle(): an event, thread or other handle"),
                waitSingle("WaitForSingleObject", false), waitSingle("WaitForSingleObjectEx", true),
                waitMultiple("WaitForMultipleObjects", false), waitMultiple("WaitForMultipleObjectsEx", true),
                new Verb("SleepEx", "MS ALERTABLE", Shape.of(SLEEP), null, a -> {
                    int ms = a.millis("milliseconds or INFINITE");
                    boolean alertable = a.bool("bAlertable (TRUE or FALSE)");
                    return st -> st.result(SLEEP, st.w().SleepEx(ms, alertable));
                }, "SleepEx(): an alertable sleep runs the thread's queued APCs and returns WAIT_IO_COMPLETION"),
                new Verb("QueueUserAPC", "CALLBACK THREAD DATA", Shape.of(BOOL), null, a -> {
                    String apc = a.callback(CallbackKind.APC);
                    HandleRef t = a.handle(NameType.THREAD);
                    long data = a.number("dwData");
                    return st -> st.result(BOOL, st.w().QueueUserAPC(st.callbacks().apc(apc, st), st.handle(t), data));
                }, "QueueUserAPC(): CALLBACK is a recording callback name ('calls CALLBACK' checks its calls); THREAD a spawned thread or self"),
                new Verb("GetLastError", "", Shape.of(ERROR_CODE), null,
                        a -> st -> st.result(ERROR_CODE, st.w().GetLastError()), "GetLastError(): the calling thread's last error"));
    }

    private static Verb waitSingle(String fn, boolean ex) {
        return new Verb(fn, "HANDLE MS" + (ex ? " ALERTABLE" : ""), Shape.of(WAIT), null, a -> {
            HandleRef h = a.handle(WAITABLE);
            int ms = a.millis("milliseconds or INFINITE");
            boolean alertable = ex && a.bool("bAlertable (TRUE or FALSE)");
            return st -> st.result(WAIT, st.w().WaitForSingleObjectEx(st.handle(h), ms, alertable));
        }, fn + "()");
    }

    private static Verb waitMultiple(String fn, boolean ex) {
        return new Verb(fn, "{HANDLE,…} WAITALL MS" + (ex ? " ALERTABLE" : ""), Shape.of(WAIT), null, a -> {
            List<HandleRef> hs = a.handleList("the handle list", WAITABLE);
            boolean all = a.bool("bWaitAll (TRUE or FALSE)");
            int ms = a.millis("milliseconds or INFINITE");
            boolean alertable = ex && a.bool("bAlertable (TRUE or FALSE)");
            return st -> {
                long[] handles = new long[hs.size()];
                for (int i = 0; i < handles.length; i++) {
                    handles[i] = st.handle(hs.get(i));
                }
                return st.result(WAIT, st.w().WaitForMultipleObjectsEx(handles.length, handles, all, ms, alertable));
            };
        }, fn + "(): nCount is the list's length");
    }
}
