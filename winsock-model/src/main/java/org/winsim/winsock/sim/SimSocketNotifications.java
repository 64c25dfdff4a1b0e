package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.sim.WinsockSession.check;

import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.Ws2_32Functions;

/**
 * ws2_32's notification functions in the simulated process's facade: WSAEventSelect with its event
 * functions, record and wait, and WSAAsyncSelect. Each binds a socket's {@link NetworkEvents} to an
 * {@link EventSelect} or {@link AsyncSelect}.
 */
abstract class SimSocketNotifications extends SimUser32 implements Ws2_32Functions {
    SimSocketNotifications(SimProcess process) {
        super(process);
    }

    @Override
    public long WSACreateEvent() {
        return b.call("WSACreateEvent", ApiBoundary.Ret.HANDLE, Winsock.WSA_INVALID_EVENT,
                () -> register(new EventObject(sim, true, false)), null);
    }

    @Override
    public int WSASetEvent(long hEvent) {
        return (int) b.call("WSASetEvent", WinBase.FALSE, () -> {
            object(hEvent, EventObject.class).set();
            return WinBase.TRUE;
        }, "h", hEvent);
    }

    @Override
    public int WSAResetEvent(long hEvent) {
        return (int) b.call("WSAResetEvent", WinBase.FALSE, () -> {
            object(hEvent, EventObject.class).reset();
            return WinBase.TRUE;
        }, "h", hEvent);
    }

    @Override
    public int WSACloseEvent(long hEvent) {
        return (int) b.call("WSACloseEvent", WinBase.FALSE, () -> {
            object(hEvent, EventObject.class);
            process.handles.remove(hEvent); // this handle (the event's first one, or a duplicate)
            return WinBase.TRUE;
        }, "h", hEvent);
    }

    @Override
    public int WSAEventSelect(long s, long hEventObject, int lNetworkEvents) {
        return (int) b.call("WSAEventSelect", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            EventObject e = process.handles.get(hEventObject) instanceof EventObject ev ? ev : null;
            if (e == null && lNetworkEvents != 0) {
                throw WsaFailure.of(WsaError.WSAEINVAL);
            }
            sock.nonBlocking = true;
            sock.events.select(new EventSelect(sim, e, lNetworkEvents));
            return 0;
        }, "s", s, "event", hEventObject, "events", Winsock.fdNames(lNetworkEvents));
    }

    @Override
    public int WSAEnumNetworkEvents(long s, long hEventObject, WSANETWORKEVENTS lpNetworkEvents) {
        return (int) b.call("WSAEnumNetworkEvents", ApiBoundary.Ret.NUMBER, SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            check(lpNetworkEvents == null ? WsaError.WSAEFAULT : null);
            EventObject reset = null;
            if (hEventObject != 0) {
                reset = process.handles.get(hEventObject) instanceof EventObject ev ? ev : null;
                check(reset == null ? WsaError.WSAEINVAL : null);
            }
            if (sock.events.binding() instanceof EventSelect es) {
                es.enumerate(lpNetworkEvents);
            } else {
                lpNetworkEvents.lNetworkEvents = 0;
            }
            if (reset != null) {
                reset.reset();
            }
            return 0;
        }, () -> new String[] {"events", Winsock.fdNames(lpNetworkEvents.lNetworkEvents)}, "s", s, "event", hEventObject);
    }

    @Override
    public int WSAWaitForMultipleEvents(int cEvents, long[] lphEvents, boolean fWaitAll, int dwTimeout, boolean fAlertable) {
        return (int) b.call("WSAWaitForMultipleEvents", Winsock.WSA_WAIT_FAILED, () -> waits.waitForMultiple(b.thread(), cEvents,
                lphEvents, fWaitAll, dwTimeout, fAlertable), "n", cEvents, "events", ApiBoundary.first(lphEvents, cEvents), "all", fWaitAll,
                "ms", dwTimeout, "alertable", fAlertable);
    }

    @Override
    public int WSAAsyncSelect(long s, long hWnd, int wMsg, int lEvent) {
        return (int) b.call("WSAAsyncSelect", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            Window w = process.world.windows.get(hWnd);
            if (w == null) {
                throw WsaFailure.of(WsaError.WSAEINVAL);
            }
            sock.nonBlocking = true;
            sock.events.select(new AsyncSelect(sim, w, wMsg, lEvent, s));
            return 0;
        }, "s", s, "hwnd", hWnd, "msg", WinUser.messageName(wMsg), "events", Winsock.fdNames(lEvent));
    }
}
