package org.winsim.winsock.sim;

import java.util.ArrayList;
import java.util.List;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.WinUser;

/**
 * A thread's message queue (user32): the messages posted to the thread or to its windows, oldest first,
 * at most {@link WinUser#POSTED_MESSAGE_LIMIT} of them (a post beyond fails), and the quit request of
 * PostQuitMessage, retrieved once no other message matches. Only its thread waits on it: GetMessage
 * waits with a filter, and a post that matches satisfies the wait and hands the thread its message.
 */
final class MessageQueue extends org.winsim.sim.DispatcherObject {
    /**
     * One posted message: its window (0 for a thread message), number, parameters and post time (ms); while
     * tracing, {@code link} is the number of the {@code MSG} record that queued it (its trace link is
     * {@code msg<link>}), 0 otherwise.
     */
    record Message(long hwnd, int message, long wParam, long lParam, int time, long link) {
        Message(long hwnd, int message, long wParam, long lParam, int time) {
            this(hwnd, message, wParam, lParam, time, 0);
        }

        /** Its trace link id (docs/architecture.md, "Trace records"). */
        String linkId() {
            return "msg" + link;
        }

        /** Whether {@code m} is this message as a program's MSG holds it. */
        boolean is(MSG m) {
            return m.hwnd == hwnd && m.message == message && m.wParam == wParam && m.lParam == lParam;
        }

        @Override
        public String toString() {
            return "msg=" + WinUser.messageName(message) + " hwnd=0x" + Long.toHexString(hwnd) + " wParam=0x"
                    + Long.toHexString(wParam) + " lParam=0x" + Long.toHexString(lParam);
        }
    }

    private final Simulation sim;
    /** A fault plan's resource faults ({@code queue-full}), or null. */
    private final ResourceFaults faults;
    /** The thread whose queue it is: it names the queue in the trace. */
    private final SimThread owner;
    private final List<Message> posted = new ArrayList<>();
    /** While tracing, the message GetMessage or PeekMessage last returned, which DispatchMessage's CALL links to. */
    Message retrieved;
    private boolean quit;
    private int quitCode;
    /** The filter of the GetMessage that waits: window (0: any), message range (0, 0: any), and whether it removes. */
    private long filterHwnd;
    private int filterMin;
    private int filterMax;

    MessageQueue(Simulation sim, SimThread owner, ResourceFaults faults) {
        this.sim = sim;
        this.owner = owner;
        this.faults = faults;
    }

    /** PostMessage's half: false when the queue holds its quota already. */
    boolean post(Message m) {
        if (posted.size() >= WinUser.POSTED_MESSAGE_LIMIT || faults != null && faults.queueFull()) {
            return false;
        }
        if (sim.trace().enabled()) {
            Message q = new Message(m.hwnd(), m.message(), m.wParam(), m.lParam(), m.time(), sim.trace().recordCount());
            posted.add(q);
            sim.trace("MSG", "queue", owner.name(), "posted", q.toString(), "messages", Integer.toString(posted.size()),
                    "link", q.linkId()); // the record numbered q.link
        } else {
            posted.add(m);
        }
        signal(sim);
        return true;
    }

    /** PostQuitMessage. */
    void postQuit(int exitCode) {
        quit = true;
        quitCode = exitCode;
        signal(sim);
    }

    /** The first message the filter matches, removed when {@code remove}; WM_QUIT once nothing else matches; or null. */
    Message take(long hwnd, int min, int max, boolean remove) {
        for (int i = 0; i < posted.size(); i++) {
            Message m = posted.get(i);
            if (matches(m, hwnd, min, max)) {
                if (remove) {
                    posted.remove(i);
                    if (sim.trace().enabled()) {
                        sim.trace("MSG", "queue", owner.name(), "removed", m.toString(), "messages", Integer.toString(posted.size()));
                    }
                }
                return m;
            }
        }
        if (quit && (min == 0 && max == 0 || WinUser.WM_QUIT >= min && WinUser.WM_QUIT <= max)) {
            if (remove) {
                quit = false;
            }
            return new Message(0, WinUser.WM_QUIT, quitCode, 0, (int) (sim.now() / 1_000_000));
        }
        return null;
    }

    private static boolean matches(Message m, long hwnd, int min, int max) {
        return (hwnd == 0 || m.hwnd == hwnd) && (min == 0 && max == 0 || m.message >= min && m.message <= max);
    }

    /** Sets the filter of the wait that follows (GetMessage's). */
    void filter(long hwnd, int min, int max) {
        filterHwnd = hwnd;
        filterMin = min;
        filterMax = max;
    }

    int size() {
        return posted.size();
    }

    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return take(filterHwnd, filterMin, filterMax, false) != null;
    }

    @Override
    protected Object acquire(SimThread waiter) {
        return take(filterHwnd, filterMin, filterMax, true);
    }

    @Override
    public String toString() {
        return "message queue";
    }
}
