package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;

import java.util.ArrayList;
import java.util.List;
import org.winsim.sim.Durations;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.timeval;

/**
 * One {@code select} call (an AFD poll): the sockets of its read, write and except sets, and — once
 * one of them is ready — its answer. The answer is computed at the moment a socket's signal makes one
 * ready (every socket of the sets is looked at then), and handed to the waiting thread with its wake;
 * the sets are then cut down to the ready sockets and the call returns how many marks it made.
 */
final class Select extends AfdPoll {
    private final SimSocket[] read;
    private final SimSocket[] write;
    private final SimSocket[] except;
    private List<SimSocket> readyR;
    private List<SimSocket> readyW;
    private List<SimSocket> readyE;
    private WsaError error;

    private Select(Simulation sim, SimSocket[] read, SimSocket[] write, SimSocket[] except) {
        super(sim);
        this.read = read;
        this.write = write;
        this.except = except;
    }

    /** {@code select}: resolves the sets (a handle that is no socket fails the call), waits, and writes the answer. */
    static int run(SimWin32 api, fd_set readfds, fd_set writefds, fd_set exceptfds, timeval timeout) {
        int total = count(readfds) + count(writefds) + count(exceptfds);
        if (total == 0) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (timeout != null && (timeout.tv_sec < 0 || timeout.tv_usec < 0)) {
            throw WsaFailure.of(WSAEINVAL);
        }
        Simulation sim = api.simulation();
        Select sel = new Select(sim, resolve(api, readfds), resolve(api, writefds), resolve(api, exceptfds));
        long scanCost = (long) total * api.profile().costs().selectNanosPerSocket();
        sim.consumeCpu(scanCost);
        if (!sel.evaluateNow()) {
            long wait = timeout == null ? Simulation.INFINITE
                    : timeout.tv_sec * Durations.SECOND + timeout.tv_usec * Durations.MICROSECOND;
            sel.watchSets();
            if (sel.await(wait, "select")) {
                sim.consumeCpu(scanCost); // it looks at its sets again to write the answer
            } else {
                sel.readyR = sel.readyW = sel.readyE = List.of();
            }
        }
        if (sel.error != null) {
            for (fd_set s : new fd_set[] {readfds, writefds, exceptfds}) {
                if (s != null) {
                    s.fd_count = 0;
                }
            }
            throw WsaFailure.of(sel.error);
        }
        write(readfds, sel.readyR, sel.read);
        write(writefds, sel.readyW, sel.write);
        write(exceptfds, sel.readyE, sel.except);
        return sel.readyR.size() + sel.readyW.size() + sel.readyE.size();
    }

    /** Looks at every socket of the sets; returns whether the call has its answer (a ready socket or an error). */
    @Override
    boolean evaluate() {
        List<SimSocket> r = new ArrayList<>();
        List<SimSocket> w = new ArrayList<>();
        List<SimSocket> e = new ArrayList<>();
        for (SimSocket s : read) {
            if (s.readable() && s.selectWaiters.mark != r) { // a socket named twice is reported once
                s.selectWaiters.mark = r;
                r.add(s);
            }
        }
        for (SimSocket s : write) {
            if (s.closed && !contains(read, s)) {
                error = WSAENOTSOCK; // closed by another thread while selected, in no read set
            } else if (s.writable() && s.selectWaiters.mark != w) {
                s.selectWaiters.mark = w;
                w.add(s);
            }
        }
        for (SimSocket s : except) {
            if (s.closed && !contains(read, s)) {
                error = WSAENOTSOCK;
            } else if (s.exceptional() && s.selectWaiters.mark != e) {
                s.selectWaiters.mark = e;
                e.add(s);
            }
        }
        readyR = r;
        readyW = w;
        readyE = e;
        return error != null || !r.isEmpty() || !w.isEmpty() || !e.isEmpty();
    }

    /** Watches each socket for the signal kinds that can change its sets' answer. */
    private void watchSets() {
        for (SimSocket s : read) {
            watch(s, SimSocket.READ);
        }
        for (SimSocket s : write) {
            watch(s, SimSocket.WRITE);
        }
        for (SimSocket s : except) {
            watch(s, SimSocket.EXCEPT);
        }
    }

    private static boolean contains(SimSocket[] set, SimSocket s) {
        for (SimSocket x : set) {
            if (x == s) {
                return true;
            }
        }
        return false;
    }

    private static int count(fd_set s) {
        return s == null ? 0 : s.fd_count;
    }

    private static SimSocket[] resolve(SimWin32 api, fd_set set) {
        if (set == null) {
            return new SimSocket[0];
        }
        SimSocket[] out = new SimSocket[set.fd_count];
        for (int i = 0; i < set.fd_count; i++) {
            out[i] = api.winsock().socket(set.fd_array[i]);
        }
        return out;
    }

    /** Cuts {@code set} down to the ready sockets, each under the handle the caller named it by ({@code named}: the set resolved). */
    private static void write(fd_set set, List<SimSocket> ready, SimSocket[] named) {
        if (set == null) {
            return;
        }
        long[] given = java.util.Arrays.copyOf(set.fd_array, set.fd_count);
        set.fd_count = 0;
        int at = 0; // the ready sockets come in the set's order: the search goes on from the last one found
        for (SimSocket s : ready) {
            long h = s.handle;
            for (int k = 0; k < named.length; k++) {
                int i = (at + k) % named.length;
                if (named[i] == s) { // a WSADuplicateSocket descriptor is reported as itself (duplicated handles)
                    h = given[i];
                    at = i + 1;
                    break;
                }
            }
            set.fd_array[set.fd_count++] = h;
        }
    }

    @Override
    public String toString() {
        return "select";
    }
}
