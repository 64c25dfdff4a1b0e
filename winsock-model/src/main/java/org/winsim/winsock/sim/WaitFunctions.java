package org.winsim.winsock.sim;

import org.winsim.sim.Dispatcher;
import org.winsim.sim.DispatcherObject;
import org.winsim.sim.Durations;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.PAPCFUNC;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;

/**
 * kernel32's waits on the dispatcher: WaitForMultipleObjectsEx (any or all, the 64-handle limit,
 * alertable), SleepEx, and QueueUserAPC, whose routines alertable waits run.
 */
final class WaitFunctions {
    private final SimProcess process;
    private final Simulation sim;

    WaitFunctions(SimProcess process) {
        this.process = process;
        this.sim = process.world.sim;
    }

    /**
     * WaitForMultipleObjectsEx: WAIT_OBJECT_0 + the satisfied index, WAIT_TIMEOUT, or, for an alertable
     * wait that finds or receives user APCs, WAIT_IO_COMPLETION after running them all.
     */
    int waitForMultiple(Win32Thread th, int nCount, long[] handles, boolean waitAll, int ms, boolean alertable) {
        if (nCount <= 0 || nCount > WinBase.MAXIMUM_WAIT_OBJECTS || handles == null || handles.length < nCount) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
        }
        DispatcherObject[] objects = new DispatcherObject[nCount];
        for (int i = 0; i < nCount; i++) {
            KernelObject o = process.handles.get(handles[i]);
            if (o == null || !o.isWaitable()) {
                throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE);
            }
            if (waitAll) {
                for (int j = 0; j < i; j++) {
                    if (objects[j] == o) {
                        throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER); // an object twice in a wait-all
                    }
                }
            }
            objects[i] = o;
        }
        Object what = new WaitDescription(nCount == 1 ? "WaitForSingleObject" : "WaitForMultipleObjects", objects, nCount);
        if (alertable && !th.apcs.isEmpty()) {
            // Objects already signalled satisfy the wait before a queued APC is delivered: the kernel checks them
            // first (KeWaitForMultipleObjects; Wine's server likewise), and the APCs wait for the next alertable wait.
            int now = waitAll ? Dispatcher.waitAll(sim, objects, nCount, 0, false, what)
                    : Dispatcher.waitAny(sim, objects, nCount, 0, false, what);
            if (now != Dispatcher.TIMEOUT) {
                return WinBase.WAIT_OBJECT_0 + now;
            }
            th.apcs.drain(sim);
            return WinBase.WAIT_IO_COMPLETION;
        }
        long timeout = timeoutNanos(ms);
        int r = waitAll ? Dispatcher.waitAll(sim, objects, nCount, timeout, alertable, what)
                : Dispatcher.waitAny(sim, objects, nCount, timeout, alertable, what);
        if (r == Dispatcher.ALERTED) {
            th.apcs.drain(sim);
            return WinBase.WAIT_IO_COMPLETION;
        }
        return r == Dispatcher.TIMEOUT ? WinBase.WAIT_TIMEOUT : WinBase.WAIT_OBJECT_0 + r;
    }

    /** A Win32 timeout in milliseconds (INFINITE, or up to 2^32-1) as the dispatcher's virtual nanoseconds. */
    static long timeoutNanos(int ms) {
        return ms == WinBase.INFINITE ? Simulation.INFINITE : Durations.millis(ms & 0xffffffffL);
    }

    /** SleepEx: 0 when the time passed; WAIT_IO_COMPLETION when an alertable sleep ran APCs. */
    int sleep(Win32Thread th, int ms, boolean alertable) {
        if (alertable && th.apcs.drain(sim)) {
            return WinBase.WAIT_IO_COMPLETION;
        }
        long nanos = timeoutNanos(ms);
        if (nanos == 0) {
            sim.yieldProcessor();
            return 0;
        }
        if (sim.park(new Sleeping(nanos, alertable), nanos, alertable) == org.winsim.sim.WakeReason.ALERTED) {
            th.apcs.drain(sim);
            return WinBase.WAIT_IO_COMPLETION;
        }
        return 0;
    }

    /** QueueUserAPC: queues the routine to the thread and alerts it if it waits alertably. */
    void queueUserApc(Win32Thread caller, PAPCFUNC fn, long hThread, long data) {
        Win32Thread target = hThread == WinBase.CURRENT_THREAD ? caller
                : process.handles.get(hThread) instanceof ThreadObject t ? (Win32Thread) t.thread.attachment() : null;
        if (target == null) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE);
        }
        if (fn == null) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
        }
        if (target.object.ended) {
            throw Win32Failure.of(Win32Error.ERROR_GEN_FAILURE);
        }
        target.apcs.add(new Apc(fn, data));
        sim.alert(target.object.thread);
    }

    /** What a thread in Sleep(Ex) waits on, named only when the trace or a report asks. */
    private record Sleeping(long nanos, boolean alertable) {
        @Override
        public String toString() {
            return "Sleep" + (alertable ? "Ex(" : "(") + (nanos < 0 ? "INFINITE" : Durations.micro(nanos) + "us") + ")";
        }
    }

    /** A queued user APC: the routine and its argument. */
    private record Apc(PAPCFUNC fn, long data) implements Runnable {
        @Override
        public void run() {
            fn.run(data);
        }

        @Override
        public String toString() {
            return "user APC(" + data + ")";
        }
    }

    /** What a thread waits on, as the trace and a deadlock report name it (formatted only when asked). */
    private record WaitDescription(String fn, DispatcherObject[] objects, int count) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(fn).append('(');
            for (int i = 0; i < count; i++) {
                b.append(i == 0 ? "" : ", ").append(objects[i]);
            }
            return b.append(')').toString();
        }
    }
}
