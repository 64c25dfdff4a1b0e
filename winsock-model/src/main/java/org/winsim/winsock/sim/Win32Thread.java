package org.winsim.winsock.sim;

import org.winsim.sim.Dispatcher;
import org.winsim.sim.DispatcherObject;
import org.winsim.sim.Simulation;

/** What Win32 keeps per thread: its process, its last error, its thread object and its APC queue. */
final class Win32Thread {
    final SimProcess process;
    final ThreadObject object;
    final ApcQueue apcs;
    int lastError;
    /** SO_OPENTYPE: while not 0, the sockets this thread makes with socket() have no overlapped I/O. */
    int openType;
    /** The thread's message queue, made by its first user32 call or the first message posted to it. */
    private MessageQueue messages;
    /** The completion port the thread last called GetQueuedCompletionStatus on (NT's Thread->Queue), or null. */
    CompletionPort port;
    /** While tracing, the link ids (docs/architecture.md) the RET of the call it is in carries: what the call took. */
    String retLink;

    Win32Thread(SimProcess process, ThreadObject object) {
        this.process = process;
        this.object = object;
        this.apcs = new ApcQueue(process.world.sim, object.thread);
    }

    /** The thread's message queue if it has one (the trace asks without making one). */
    MessageQueue messagesIfAny() {
        return messages;
    }

    MessageQueue messages(Simulation sim) {
        if (messages == null) {
            messages = new MessageQueue(sim, object.thread, process.world.resources);
        }
        return messages;
    }

    /** The Win32 state of the running simulated thread. */
    static Win32Thread current(Simulation sim) {
        return (Win32Thread) sim.currentThread().attachment();
    }

    /**
     * Waits for one object inside a blocking call: alertably, as Windows' blocking calls wait, so queued
     * APCs run during the wait — and the call goes on waiting for the rest of its time. Returns 0 or
     * {@link Dispatcher#TIMEOUT}.
     */
    int waitKeepGoing(DispatcherObject o, long timeoutNanos, Object what) {
        Simulation sim = process.world.sim;
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : sim.now() + timeoutNanos;
        while (true) {
            apcs.drain(sim);
            long left = deadline == Long.MAX_VALUE ? Simulation.INFINITE : Math.max(0, deadline - sim.now());
            int r = Dispatcher.waitOne(sim, o, left, true, what);
            if (r != Dispatcher.ALERTED) {
                return r;
            }
        }
    }
}
