package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winsim.sim.Dispatcher;
import org.winsim.sim.Durations;
import org.winsim.sim.SimThread;
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
final class Select extends org.winsim.sim.DispatcherObject {
    /** A select's interest in one socket: the readiness kinds of the sets that name it. */
    static final class Interest {
        final Select select;
        final int kinds;

        Interest(Select select, int kinds) {
            this.select = select;
            this.kinds = kinds;
        }
    }

    private final SimSocket[] read;
    private final SimSocket[] write;
    private final SimSocket[] except;
    private final Map<SimSocket, Interest> interests = new LinkedHashMap<>();
    private List<SimSocket> readyR;
    private List<SimSocket> readyW;
    private List<SimSocket> readyE;
    private WsaError error;
    private boolean answered;
    private Simulation sim;

    private Select(SimSocket[] read, SimSocket[] write, SimSocket[] except) {
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
        Select sel = new Select(resolve(api, readfds), resolve(api, writefds), resolve(api, exceptfds));
        Simulation sim = api.simulation();
        sel.sim = sim;
        long scanCost = (long) total * api.profile().costs().selectNanosPerSocket();
        sim.consumeCpu(scanCost);
        if (!sel.evaluate()) {
            long wait = timeout == null ? Simulation.INFINITE
                    : timeout.tv_sec * Durations.SECOND + timeout.tv_usec * Durations.MICROSECOND;
            sel.register();
            int r = Win32Thread.current(sim).waitKeepGoing(sel, wait, "select");
            sel.unregister();
            if (r == Dispatcher.TIMEOUT) {
                sel.readyR = sel.readyW = sel.readyE = List.of();
            } else {
                sim.consumeCpu(scanCost); // it looks at its sets again to write the answer
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
    private boolean evaluate() {
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
        answered = error != null || !r.isEmpty() || !w.isEmpty() || !e.isEmpty();
        return answered;
    }

    /** A socket of the sets signalled a change this select waits for: answers now if anything is ready. */
    boolean socketChanged() {
        if (answered || !evaluate()) {
            return false;
        }
        unregister();
        signal(sim);
        return true;
    }

    private void register() {
        add(read, SimSocket.READ);
        add(write, SimSocket.WRITE);
        add(except, SimSocket.EXCEPT);
        for (Map.Entry<SimSocket, Interest> en : interests.entrySet()) {
            en.getKey().selectWaiters.add(en.getValue());
        }
    }

    /** Registers interest in the signal kinds that can change a set's answer (a close or a reset signals every kind). */
    private void add(SimSocket[] set, int kinds) {
        for (SimSocket s : set) {
            Interest old = interests.get(s);
            interests.put(s, new Interest(this, old == null ? kinds : old.kinds | kinds));
        }
    }

    private void unregister() {
        for (Map.Entry<SimSocket, Interest> en : interests.entrySet()) {
            en.getKey().selectWaiters.remove(en.getValue());
        }
        interests.clear();
    }

    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return answered;
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
            out[i] = api.selectable(set.fd_array[i]);
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
