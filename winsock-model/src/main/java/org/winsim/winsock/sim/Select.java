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
 * the sets are then cut down to the ready sockets and the call returns how many marks it made (a set
 * passed twice, as one fd_set, gets each handle once).
 */
final class Select extends AfdPoll {
    private final Named read;
    private final Named write;
    private final Named except;
    private List<Long> readyR;
    private List<Long> readyW;
    private List<Long> readyE;
    private WsaError error;

    /**
     * A set as the caller named it: each entry's handle and socket, and whether the same handle came earlier
     * in the set (Windows reports a handle named twice once, but two handles of one socket — a
     * WSADuplicateSocket descriptor — each under its own name, as msafd's WSPSelect does with FD_ISSET).
     */
    private record Named(long[] handles, SimSocket[] sockets, boolean[] repeat) {
    }

    private Select(Simulation sim, Named read, Named write, Named except) {
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
        for (fd_set s : new fd_set[] {readfds, writefds, exceptfds}) {
            if (s != null) {
                s.fd_count = 0;
            }
        }
        return mark(readfds, sel.readyR) + mark(writefds, sel.readyW) + mark(exceptfds, sel.readyE);
    }

    /** Looks at every socket of the sets; returns whether the call has its answer (a ready socket or an error). */
    @Override
    boolean evaluate() {
        List<Long> r = new ArrayList<>();
        List<Long> w = new ArrayList<>();
        List<Long> e = new ArrayList<>();
        for (int i = 0; i < read.sockets.length; i++) {
            if (!read.repeat[i] && read.sockets[i].readable()) {
                r.add(read.handles[i]);
            }
        }
        for (int i = 0; i < write.sockets.length; i++) {
            SimSocket s = write.sockets[i];
            if (s.closed && !contains(read.sockets, s)) {
                error = WSAENOTSOCK; // closed by another thread while selected, in no read set
            } else if (!write.repeat[i] && s.writable()) {
                w.add(write.handles[i]);
            }
        }
        for (int i = 0; i < except.sockets.length; i++) {
            SimSocket s = except.sockets[i];
            if (s.closed && !contains(read.sockets, s)) {
                error = WSAENOTSOCK;
            } else if (!except.repeat[i] && s.exceptional()) {
                e.add(except.handles[i]);
            }
        }
        readyR = r;
        readyW = w;
        readyE = e;
        return error != null || !r.isEmpty() || !w.isEmpty() || !e.isEmpty();
    }

    /** Watches each socket for the signal kinds that can change its sets' answer. */
    private void watchSets() {
        for (SimSocket s : read.sockets) {
            watch(s, SimSocket.READ);
        }
        for (SimSocket s : write.sockets) {
            watch(s, SimSocket.WRITE);
        }
        for (SimSocket s : except.sockets) {
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

    private static Named resolve(SimWin32 api, fd_set set) {
        int n = set == null ? 0 : set.fd_count;
        Named named = new Named(new long[n], new SimSocket[n], new boolean[n]);
        for (int i = 0; i < n; i++) {
            SimSocket s = api.winsock().socket(set.fd_array[i]);
            named.handles[i] = set.fd_array[i];
            named.sockets[i] = s;
            if (s.selectWaiters().mark == named) { // the socket came earlier in the set: by this handle, or another of it
                named.repeat[i] = namedBefore(named.handles, i);
            }
            s.selectWaiters().mark = named;
        }
        return named;
    }

    private static boolean namedBefore(long[] handles, int i) {
        return namedBefore(handles, i, handles[i]);
    }

    /** Whether {@code h} is among the first {@code n} handles. */
    private static boolean namedBefore(long[] handles, int n, long h) {
        for (int j = 0; j < n; j++) {
            if (handles[j] == h) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks the ready handles in {@code set} (emptied before), in the set's order, each once: a handle already
     * there is not marked again, so when one fd_set is passed as two of the sets it holds their union, and the
     * call counts each handle once in it (Wine sock.c {@code test_select}, overlapping fd_set pointers).
     * Returns how many marks were made.
     */
    private static int mark(fd_set set, List<Long> ready) {
        if (set == null) {
            return 0;
        }
        int marks = 0;
        for (long h : ready) {
            if (!namedBefore(set.fd_array, set.fd_count, h)) {
                set.fd_array[set.fd_count++] = h;
                marks++;
            }
        }
        return marks;
    }

    @Override
    public String toString() {
        return "select";
    }
}
