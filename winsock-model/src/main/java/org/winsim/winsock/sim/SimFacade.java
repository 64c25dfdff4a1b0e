package org.winsim.winsock.sim;

import org.winsim.sim.Simulation;
import org.winsim.winsock.api.Win32Error;

/**
 * What every part of a simulated process's Win32 facade shares: the process, its {@link ApiBoundary},
 * its Winsock session, and the handle-table helpers. The facade is split by DLL area ({@link SimUser32},
 * {@link SimSocketNotifications}, {@link SimWin32}) so that each part stays one short method per function.
 */
abstract class SimFacade {
    final SimProcess process;
    final Simulation sim;
    final ApiBoundary b;
    final WinsockSession ws;
    final WaitFunctions waits;

    SimFacade(SimProcess process) {
        this.process = process;
        this.sim = process.world.sim;
        this.b = new ApiBoundary(process);
        this.ws = new WinsockSession(process);
        this.waits = new WaitFunctions(process);
    }

    final long register(KernelObject o) {
        o.creatorThread = sim.currentThread().name(); // no string is made per handle: a leak report formats it
        o.createdAt = sim.now();
        o.owner = process.name;
        return process.handles.add(o);
    }

    final <T extends KernelObject> T object(long h, Class<T> type) {
        KernelObject o = process.handles.get(h);
        if (!type.isInstance(o)) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE);
        }
        return type.cast(o);
    }
}
