package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.BOOL;
import static org.winsim.scenarios.script.Convention.ERROR_CODE;
import static org.winsim.scenarios.script.Convention.HANDLE;
import static org.winsim.scenarios.script.Convention.SLEEP;
import static org.winsim.scenarios.script.Convention.WAIT;

import java.util.ArrayList;
import java.util.List;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.OVERLAPPED_ENTRY;
import org.winsim.winsock.api.WSAOVERLAPPED;

/** The kernel32 verbs: events, handles, waits, alertable sleeps and APCs, one registry entry per function. */
final class Kernel32Verbs {
    /** What a wait may wait on. */
    private static final NameType[] WAITABLE = {NameType.EVENT, NameType.THREAD, NameType.SOCKET, NameType.PORT,
            NameType.HANDLE}; // a duplicated handle: duplicated handles and deferred accept
    /** What CloseHandle may close: any handle. */
    private static final NameType[] ANY = NameType.values();
    /** GetQueuedCompletionStatus's result: BOOL, and the packet's three values. */
    private static final Shape PACKET = new Shape(BOOL, List.of(new OutputSpec("bytes", OutputSpec.Kind.NUMBER, null),
            new OutputSpec("key", OutputSpec.Kind.NUMBER, null), new OutputSpec("ov", OutputSpec.Kind.HANDLE, NameType.OVERLAPPED)), "");
    /** GetQueuedCompletionStatusEx's result: BOOL, how many packets, and their keys and byte counts in order. */
    private static final Shape PACKETS = new Shape(BOOL, List.of(new OutputSpec("removed", OutputSpec.Kind.NUMBER, null),
            new OutputSpec("keys", OutputSpec.Kind.COLUMN, null), new OutputSpec("bytes", OutputSpec.Kind.COLUMN, null)), "");

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
                        a -> st -> st.result(ERROR_CODE, st.w().GetLastError()), "GetLastError(): the calling thread's last error"),
                // ---- completion ports (issue 13) ----
                new Verb("CreateIoCompletionPort", "SOCKET|INVALID_HANDLE_VALUE PORT|NULL KEY THREADS", Shape.of(HANDLE), NameType.PORT, a -> {
                    HandleRef file = a.handle(NameType.SOCKET);
                    HandleRef existing = a.handle(NameType.PORT);
                    long key = a.number("CompletionKey");
                    int threads = a.intArg("NumberOfConcurrentThreads (0: the number of processors)");
                    return st -> st.result(HANDLE, st.w().CreateIoCompletionPort(st.handle(file), st.handle(existing), key, threads));
                }, "CreateIoCompletionPort(): a new port, or the socket associated with PORT (or a new port) and KEY; returns the port"),
                new Verb("GetQueuedCompletionStatus", "PORT MS", PACKET, null, a -> {
                    HandleRef port = a.handle(NameType.PORT);
                    int ms = a.millis("milliseconds or INFINITE");
                    return st -> {
                        int[] bytes = new int[1];
                        long[] key = new long[1];
                        WSAOVERLAPPED[] ov = new WSAOVERLAPPED[1];
                        int ret = st.w().GetQueuedCompletionStatus(st.handle(port), bytes, key, ov, ms);
                        return st.result(BOOL, ret, List.of(new Output.Field("bytes", new Output.Number(Integer.toUnsignedLong(bytes[0]))),
                                new Output.Field("key", new Output.Number(key[0])), new Output.Field("ov", new Output.Name(st.nameOf(ov[0])))),
                                null);
                    };
                }, "GetQueuedCompletionStatus(): TRUE, FALSE with ov= a failed I/O's OVERLAPPED, or FALSE ov=NULL (timeout, closed port)"),
                new Verb("GetQueuedCompletionStatusEx", "PORT COUNT MS ALERTABLE", PACKETS, null, a -> {
                    HandleRef port = a.handle(NameType.PORT);
                    int count = a.intArg("ulCount");
                    int ms = a.millis("milliseconds or INFINITE");
                    boolean alertable = a.bool("fAlertable (TRUE or FALSE)");
                    return st -> {
                        OVERLAPPED_ENTRY[] entries = new OVERLAPPED_ENTRY[Math.max(count, 0)];
                        int[] removed = new int[1];
                        int ret = st.w().GetQueuedCompletionStatusEx(st.handle(port), entries, count, removed, ms, alertable);
                        List<Output> keys = new ArrayList<>();
                        List<Output> bytes = new ArrayList<>();
                        for (int i = 0; ret != 0 && i < removed[0]; i++) { // a failed call wrote no entry
                            keys.add(new Output.Number(entries[i].lpCompletionKey));
                            bytes.add(new Output.Number(Integer.toUnsignedLong(entries[i].dwNumberOfBytesTransferred)));
                        }
                        return st.result(BOOL, ret, List.of(new Output.Field("removed", new Output.Number(removed[0])),
                                new Output.Field("keys", new Output.List(keys, true)), new Output.Field("bytes", new Output.List(bytes, true))),
                                null);
                    };
                }, "GetQueuedCompletionStatusEx(): up to COUNT packets at once; an alertable call runs APCs (FALSE WAIT_IO_COMPLETION)"),
                new Verb("PostQueuedCompletionStatus", "PORT BYTES KEY OV|NULL", Shape.of(BOOL), null, a -> {
                    HandleRef port = a.handle(NameType.PORT);
                    int bytes = a.intArg("dwNumberOfBytesTransferred");
                    long key = a.number("dwCompletionKey");
                    String ov = a.overlapped();
                    return st -> st.result(BOOL, st.w().PostQueuedCompletionStatus(st.handle(port), bytes, key, st.overlapped(ov)));
                }, "PostQueuedCompletionStatus(): OV is an OVERLAPPED name (a new name binds a fresh one) or NULL"),
                new Verb("SetFileCompletionNotificationModes", "SOCKET FLAGS", Shape.of(BOOL), null, a -> {
                    HandleRef s = a.handle(NameType.SOCKET);
                    int flags = a.flags();
                    return st -> st.result(BOOL, st.w().SetFileCompletionNotificationModes(st.handle(s), flags));
                }, "SetFileCompletionNotificationModes(): FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, FILE_SKIP_SET_EVENT_ON_HANDLE"));
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
