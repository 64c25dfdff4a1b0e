package org.winsim.winsock.sim;

import static org.winsim.winsock.sim.WinsockSession.check;

import java.util.function.ToLongFunction;
import org.winsim.winsock.api.LPCONDITIONPROC;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.net.Endpoint;
import org.winsim.winsock.sim.net.Tcb;

/**
 * accept and WSAAccept: the first connection a listener queued becomes a new socket; WSAAccept first asks
 * its condition function, which may accept it, reject it (reset) or defer the decision (the connection stays
 * first in the queue for the next accept, WSAAccept or AcceptEx, and FD_ACCEPT is not re-enabled).
 */
final class Accepting {
    private final WinsockSession ws;
    private final ToLongFunction<KernelObject> register;

    Accepting(WinsockSession ws, ToLongFunction<KernelObject> register) {
        this.ws = ws;
        this.register = register;
    }

    /** accept (no condition) or WSAAccept: the new socket's handle; fills {@code addr} when both it and {@code addrlen} are given. */
    long accept(long s, sockaddr_in addr, int[] addrlen, LPCONDITIONPROC condition, long callbackData) {
        SimSocket sock = ws.socket(s);
        return sock.events.reenabling(Winsock.FD_ACCEPT_BIT, () -> { // accept re-enables FD_ACCEPT, a deferral does not
            check(WinsockContract.acceptNameOut(addrlen));
            Tcb t = sock.io.accept();
            if (condition != null) {
                decide(sock, t, condition.condition(id(t.remote()), null, null, null, id(t.local()), new WSABUF(new byte[0]),
                        new int[1], callbackData));
            }
            SimSocket child = sock.adoptAccepted(t);
            long h = register.applyAsLong(child);
            sock.events.inheritTo(child);
            if (addr != null && addrlen != null) { // with no length, Windows leaves addr untouched
                SimWin32.fill(addr, addrlen, t.remote());
            }
            return h;
        });
    }

    /** Returns when the condition function accepted; otherwise puts the connection back (CF_DEFER) or resets it, and fails. */
    private static void decide(SimSocket listener, Tcb t, int answer) {
        if (answer == Winsock.CF_ACCEPT) {
            return;
        }
        if (answer == Winsock.CF_DEFER) {
            listener.listenQueue.defer(t);
            listener.io.completeAccepts(); // a request that came meanwhile is offered it first
            throw WsaFailure.of(WsaError.WSATRY_AGAIN);
        }
        t.abort();
        throw WsaFailure.of(answer == Winsock.CF_REJECT ? WsaError.WSAECONNREFUSED : WsaError.WSAEINVAL);
    }

    /** A WSABUF holding an address as a sockaddr_in, as the condition function's caller and callee IDs. */
    private static WSABUF id(Endpoint ep) {
        byte[] b = new byte[Winsock.SIZEOF_SOCKADDR_IN];
        new sockaddr_in(Winsock.AF_INET, ep.addr(), ep.port()).write(b, 0);
        return new WSABUF(b);
    }
}
