package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.BOOL;
import static org.winsim.scenarios.script.Convention.HANDLE;
import static org.winsim.scenarios.script.Convention.SOCKET_ERROR;
import static org.winsim.scenarios.script.Convention.WSA_WAIT;

import java.util.ArrayList;
import java.util.List;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.Winsock;

/**
 * The ws2_32 verbs of the two notification models (issue 11): WSAEventSelect with its event objects,
 * WSAEnumNetworkEvents and WSAWaitForMultipleEvents, and WSAAsyncSelect. Event masks are written as in
 * C, {@code FD_READ|FD_CLOSE}.
 */
final class NotificationVerbs {
    private static final String MASK = "a mask of FD_ events such as FD_READ|FD_CLOSE, or 0";

    private NotificationVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                new Verb("WSACreateEvent", "", Shape.of(HANDLE), NameType.EVENT,
                        a -> st -> st.result(HANDLE, st.w().WSACreateEvent()), "WSACreateEvent(): a manual-reset event, not signalled"),
                eventVerb("WSASetEvent"), eventVerb("WSAResetEvent"), eventVerb("WSACloseEvent"),
                new Verb("WSAEventSelect", "SOCKET EVENT|NULL EVENTS", Shape.of(SOCKET_ERROR), null, a -> {
                    HandleRef s = a.socket();
                    HandleRef e = a.handle(NameType.EVENT);
                    int mask = a.intArg(MASK);
                    return st -> st.result(SOCKET_ERROR, st.w().WSAEventSelect(st.handle(s), st.handle(e), mask));
                }, "WSAEventSelect(): record EVENTS and signal EVENT; makes the socket non-blocking"),
                new Verb("WSAEnumNetworkEvents", "SOCKET [EVENT|NULL]",
                        new Shape(SOCKET_ERROR, List.of(new OutputSpec("events", OutputSpec.Kind.EVENTS, null),
                                new OutputSpec("errors", OutputSpec.Kind.ERRORS, null)), ""), null, a -> {
                            HandleRef s = a.socket();
                            HandleRef e = a.more() ? a.handle(NameType.EVENT) : new HandleRef(null, 0);
                            return st -> enumNetworkEvents(st, st.handle(s), st.handle(e));
                        }, "WSAEnumNetworkEvents(): the events recorded since the last call (cleared now; EVENT reset);"
                        + " events= left out of '=>' must be none; errors= lists each reported event's error in bit order"),
                new Verb("WSAWaitForMultipleEvents", "{EVENT,…} WAITALL MS ALERTABLE", Shape.of(WSA_WAIT), null, a -> {
                    List<HandleRef> es = a.handleList("the event list", NameType.EVENT);
                    boolean all = a.bool("fWaitAll (TRUE or FALSE)");
                    int ms = a.millis("milliseconds or WSA_INFINITE");
                    boolean alertable = a.bool("fAlertable (TRUE or FALSE)");
                    return st -> {
                        long[] handles = new long[es.size()];
                        for (int i = 0; i < handles.length; i++) {
                            handles[i] = st.handle(es.get(i));
                        }
                        return st.result(WSA_WAIT, st.w().WSAWaitForMultipleEvents(handles.length, handles, all, ms, alertable));
                    };
                }, "WSAWaitForMultipleEvents(): cEvents is the list's length"),
                new Verb("WSAAsyncSelect", "SOCKET WINDOW|NULL MSG EVENTS", Shape.of(SOCKET_ERROR), null, a -> {
                    HandleRef s = a.socket();
                    HandleRef w = a.handle(NameType.WINDOW);
                    int msg = a.intArg("a message number such as WM_USER+1");
                    int mask = a.intArg(MASK);
                    return st -> st.result(SOCKET_ERROR, st.w().WSAAsyncSelect(st.handle(s), st.handle(w), msg, mask));
                }, "WSAAsyncSelect(): post MSG to WINDOW for each of EVENTS; makes the socket non-blocking"));
    }

    private static Verb eventVerb(String fn) {
        return new Verb(fn, "EVENT", Shape.of(BOOL), null, a -> {
            HandleRef e = a.handle(NameType.EVENT);
            return st -> {
                long h = st.handle(e);
                int ret = switch (fn) {
                    case "WSASetEvent" -> st.w().WSASetEvent(h);
                    case "WSAResetEvent" -> st.w().WSAResetEvent(h);
                    default -> st.w().WSACloseEvent(h);
                };
                return st.result(BOOL, ret);
            };
        }, fn + "()");
    }

    /** Copies and clears the socket's record: the events as FD_ names, each reported event's error in bit order. */
    private static Outcome enumNetworkEvents(ScriptState st, long s, long event) {
        WSANETWORKEVENTS ne = new WSANETWORKEVENTS();
        int ret = st.w().WSAEnumNetworkEvents(s, event, ne);
        List<Output.Field> out = new ArrayList<>();
        if (ret == 0 && ne.lNetworkEvents != 0) {
            List<Output> errors = new ArrayList<>();
            for (int bit = 0; bit < Winsock.FD_MAX_EVENTS; bit++) {
                if ((ne.lNetworkEvents & (1 << bit)) != 0) {
                    errors.add(new Output.Name(WindowMessage.errorName(ne.iErrorCode[bit])));
                }
            }
            out.add(new Output.Field("events", new Output.Name(Winsock.fdNames(ne.lNetworkEvents))));
            out.add(new Output.Field("errors", new Output.List(errors, true)));
        }
        return st.result(SOCKET_ERROR, ret, out, null);
    }
}
