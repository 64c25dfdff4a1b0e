package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.POLLERR;
import static org.winsim.winsock.api.Winsock.POLLHUP;
import static org.winsim.winsock.api.Winsock.POLLNVAL;
import static org.winsim.winsock.api.Winsock.POLLRDBAND;
import static org.winsim.winsock.api.Winsock.POLLRDNORM;
import static org.winsim.winsock.api.Winsock.POLLWRNORM;

import org.winsim.sim.Durations;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.WSAPOLLFD;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.sim.net.Tcb;

/**
 * One {@code WSAPoll} call (an AFD poll): its entries, each a socket with the events it asks about, and
 * the events each reports. Windows' rules (Wine's sock.c {@code test_WSAPoll}, {@code test_tcp_reset}):
 * an entry that names no socket gets POLLNVAL and does not count as ready, and when no entry names a
 * socket the call fails with WSAENOTSOCK; an entry whose socket is not INVALID_SOCKET may ask only for
 * POLLRDNORM, POLLRDBAND and POLLWRNORM (anything else is WSAEINVAL); POLLERR, POLLHUP and POLLNVAL are
 * reported whether asked for or not; the call returns how many entries report anything.
 */
final class Poll extends AfdPoll {
    /** The events reported whether asked about or not. */
    private static final int ALWAYS = POLLERR | POLLHUP | POLLNVAL;

    private final WSAPOLLFD[] fds;
    /** Each entry's socket, or null for an entry that names none (it keeps POLLNVAL). */
    private final SimSocket[] sockets;
    private int ready;

    private Poll(Simulation sim, WSAPOLLFD[] fds, SimSocket[] sockets) {
        super(sim);
        this.fds = fds;
        this.sockets = sockets;
    }

    /** {@code WSAPoll}: checks the arguments, resolves the entries, waits, and writes each entry's revents. */
    static int run(SimWin32 api, WSAPOLLFD[] fds, int count, int timeoutMs) {
        api.winsock().requireStarted(); // before any argument, as every Winsock entry point
        WinsockSession.check(WinsockContract.pollArray(fds, count));
        if (count < 0 || count > fds.length) {
            throw api.boundary().programError("WSAPoll would read " + Integer.toUnsignedString(count) + " entries of a "
                    + fds.length + "-entry array: past the end of the array");
        }
        WinsockSession.check(WinsockContract.pollEntries(fds, count, h -> api.winsock().socketOrNull(h) != null));
        SimSocket[] sockets = new SimSocket[count];
        for (int i = 0; i < count; i++) {
            sockets[i] = api.winsock().socketOrNull(fds[i].fd);
        }
        Simulation sim = api.simulation();
        Poll poll = new Poll(sim, fds, sockets);
        long scanCost = (long) count * api.profile().costs().selectNanosPerSocket();
        sim.consumeCpu(scanCost);
        if (!poll.evaluateNow()) {
            for (SimSocket s : sockets) {
                if (s != null) {
                    poll.watch(s, SimSocket.READ | SimSocket.WRITE | SimSocket.EXCEPT);
                }
            }
            long wait = timeoutMs < 0 ? Simulation.INFINITE : timeoutMs * Durations.MILLISECOND;
            if (poll.await(wait, "WSAPoll")) {
                sim.consumeCpu(scanCost); // it looks at its entries again to write the answer
            }
        }
        return poll.ready;
    }

    /** Writes every socket entry's revents: what its socket reports, cut down to what it asked about and the events always reported. */
    @Override
    boolean evaluate() {
        ready = 0;
        for (int i = 0; i < sockets.length; i++) {
            if (sockets[i] != null) {
                int bits = reported(sockets[i]) & ((fds[i].events & 0xffff) | ALWAYS);
                fds[i].revents = (short) bits;
                ready += bits != 0 ? 1 : 0;
            }
        }
        return ready > 0;
    }

    /**
     * What a socket reports (Wine's sock.c {@code test_WSAPoll}): closed while polled, POLLNVAL; a datagram
     * socket, POLLRDNORM while a datagram waits and always POLLWRNORM; a listener,
     * POLLRDNORM while a connection is queued; a socket never connected or still connecting, nothing; a
     * failed connect, a reset or an aborted connection, POLLHUP|POLLERR|POLLWRNORM; a connection, POLLRDNORM
     * for unread data (urgent data in line too), POLLRDBAND for an urgent byte out of line, POLLHUP once the
     * peer's FIN arrived (its end of the stream is no POLLRDNORM), POLLWRNORM while a send can be taken.
     */
    private static int reported(SimSocket s) {
        if (s.closed) {
            return POLLNVAL;
        }
        if (s instanceof DatagramSocket) { // ---- UDP ----: readable while a datagram (or an ICMP error) waits, always writable
            return (s.readable() ? POLLRDNORM : 0) | POLLWRNORM;
        }
        if (s.listenQueue != null) {
            return s.listenQueue.hasConnection() ? POLLRDNORM : 0;
        }
        Tcb t = s.tcb;
        if (s.connectFailed || s.established && (t.resetReceived() || t.isClosed() && !t.finReceived())) {
            return POLLHUP | POLLERR | POLLWRNORM;
        }
        if (!s.established) {
            return 0;
        }
        int bits = 0;
        if (t.bytesReadable() > 0) {
            bits |= POLLRDNORM;
        }
        if (t.oobPending()) {
            bits |= POLLRDBAND;
        }
        if (t.finReceived()) {
            bits |= POLLHUP;
        }
        if (s.writable()) {
            bits |= POLLWRNORM;
        }
        return bits;
    }

    /** The entries as the trace shows them: {@code {0x104:POLLRDNORM,-1:POLLERR}}, or NULL. */
    static String entriesText(WSAPOLLFD[] fds, int count) {
        return text(fds, count, false);
    }

    /** The entries' revents as the trace shows them: {@code {POLLWRNORM,POLLNVAL}}. */
    static String reventsText(WSAPOLLFD[] fds, int count) {
        return text(fds, count, true);
    }

    private static String text(WSAPOLLFD[] fds, int count, boolean revents) {
        if (fds == null) {
            return "NULL";
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < Math.min(Math.max(count, 0), fds.length); i++) {
            b.append(i == 0 ? "" : ",");
            if (revents) {
                b.append(Winsock.pollNames(fds[i].revents));
            } else {
                b.append(fds[i].fd == Winsock.INVALID_SOCKET ? "-1" : "0x" + Long.toHexString(fds[i].fd)).append(':')
                        .append(Winsock.pollNames(fds[i].events));
            }
        }
        return b.append('}').toString();
    }

    @Override
    public String toString() {
        return "WSAPoll";
    }
}
