package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.winsim.sim.Durations;
import org.winsim.sim.Simulation;
import org.winsim.sim.WaitList;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.timeval;

/**
 * {@code select}: waits until a socket of the read, write or except set is ready (or the timeout),
 * then leaves in each set only the sockets ready for it and returns how many marks it made.
 */
final class Select {
    private Select() {
    }

    static int run(SimWin32 api, fd_set readfds, fd_set writefds, fd_set exceptfds, timeval timeout) {
        int total = count(readfds) + count(writefds) + count(exceptfds);
        if (total == 0) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (timeout != null && (timeout.tv_sec < 0 || timeout.tv_usec < 0)) {
            throw WsaFailure.of(WSAEINVAL);
        }
        SimSocket[] r = resolve(api, readfds);
        SimSocket[] w = resolve(api, writefds);
        SimSocket[] e = resolve(api, exceptfds);
        Simulation sim = api.simulation();
        long deadline = timeout == null ? Long.MAX_VALUE
                : sim.now() + timeout.tv_sec * Durations.SECOND + timeout.tv_usec * Durations.MICROSECOND;
        Set<WaitList> lists = new LinkedHashSet<>();
        for (SimSocket[] set : List.of(r, w, e)) {
            for (SimSocket s : set) {
                lists.add(s.waiters);
            }
        }
        long scanCost = (long) total * api.profile().selectNanosPerSocket();
        while (true) {
            sim.consumeCpu(scanCost);
            List<SimSocket> readyR = new ArrayList<>();
            List<SimSocket> readyW = new ArrayList<>();
            List<SimSocket> readyE = new ArrayList<>();
            for (SimSocket s : r) {
                if (s.readable()) {
                    readyR.add(s);
                }
            }
            for (SimSocket s : w) {
                if (s.closed && !contains(r, s)) {
                    throw closedUnderUs(readfds, writefds, exceptfds);
                } else if (s.writable()) {
                    readyW.add(s);
                }
            }
            for (SimSocket s : e) {
                if (s.closed && !contains(r, s)) {
                    throw closedUnderUs(readfds, writefds, exceptfds);
                } else if (s.exceptional()) {
                    readyE.add(s);
                }
            }
            int n = readyR.size() + readyW.size() + readyE.size();
            if (n > 0 || sim.now() >= deadline) {
                write(readfds, readyR);
                write(writefds, readyW);
                write(exceptfds, readyE);
                return n;
            }
            long wait = deadline == Long.MAX_VALUE ? Simulation.INFINITE : deadline - sim.now();
            WaitList.awaitAny(sim, lists, "select", wait, false);
        }
    }

    /** A socket closed by another thread while selected, in no read set: WSAENOTSOCK and empty sets. */
    private static WsaFailure closedUnderUs(fd_set... sets) {
        for (fd_set s : sets) {
            if (s != null) {
                s.fd_count = 0;
            }
        }
        return WsaFailure.of(WSAENOTSOCK);
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

    private static void write(fd_set set, List<SimSocket> ready) {
        if (set == null) {
            return;
        }
        set.fd_count = 0;
        for (SimSocket s : ready) {
            set.fd_array[set.fd_count++] = s.handle;
        }
    }
}
