package org.winsim.winsock.sim;

import org.winsim.sim.OutOfSimulatedMemoryException;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.ThreadProc;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;

/** A process's threads (CreateThread, GetExitCodeThread): each a simulated thread with its stack in the process's address space. */
final class Threads {
    private final SimProcess process;
    private final Simulation sim;

    Threads(SimProcess process) {
        this.process = process;
        this.sim = process.world.sim;
    }

    /** Starts a thread running {@code proc(param)}; its thread object is signalled when it returns. */
    SimThread spawn(String name, long stack, ThreadProc proc, Object param, boolean keepsRunAlive, boolean isMain) {
        long bytes = stack == 0 ? process.world.profile.memory().defaultStackBytes() : stack;
        ThreadObject[] obj = new ThreadObject[1];
        SimThread t = sim.spawn(name, process.machine, process.addressSpace, bytes, !keepsRunAlive, () -> {
            int code = org.winsim.winsock.api.WinBase.STILL_ACTIVE;
            try {
                code = proc.run(param);
            } finally {
                process.pendingIo.threadExited(sim.currentThread()); // its overlapped I/O is cancelled (OVL-10)
                obj[0].end(sim, code);
                if (isMain) {
                    process.exit();
                }
            }
        });
        obj[0] = new ThreadObject(t);
        t.attach(new Win32Thread(process, obj[0]));
        return t;
    }

    /**
     * SetThreadDescription: the thread is called {@code process:description} from now on (an empty or
     * NULL description, which clears the name on Windows, leaves the trace's name as it was); HRESULT_NT_SUCCESS, or
     * the NT invalid-handle HRESULT for a handle that is not a thread of this process.
     */
    int describe(Win32Thread caller, long hThread, String description) {
        ThreadObject target = hThread == WinBase.CURRENT_THREAD ? caller.object
                : process.handles.get(hThread) instanceof ThreadObject t ? t : null;
        if (target == null) {
            return WinBase.HRESULT_NT_INVALID_HANDLE;
        }
        if (description != null && !description.isEmpty()) {
            target.thread.rename(process.name + ":" + description);
        }
        return WinBase.HRESULT_NT_SUCCESS;
    }

    /** CreateThread: the new thread's object, or a failure when its stack does not fit in the address space. */
    ThreadObject create(long dwStackSize, ThreadProc start, Object param, int[] lpThreadId) {
        sim.consumeCpu(process.world.profile.costs().threadCreateNanos());
        if (start == null || dwStackSize < 0) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
        }
        if (ResourceFaults.threadFails(process.world)) {
            throw Win32Failure.of(Win32Error.ERROR_NOT_ENOUGH_MEMORY);
        }
        SimThread t;
        try {
            t = spawn(process.name + ":t" + (sim.threadCount() + 1), dwStackSize, start, param, false, false);
        } catch (OutOfSimulatedMemoryException e) {
            sim.trace("NOMEM", "why", e.getMessage());
            throw Win32Failure.of(Win32Error.ERROR_NOT_ENOUGH_MEMORY);
        }
        if (lpThreadId != null) {
            lpThreadId[0] = t.id() * 4;
        }
        return ((Win32Thread) t.attachment()).object;
    }
}
