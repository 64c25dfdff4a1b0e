package org.winsim.winsock.sim;

import java.util.ArrayList;
import java.util.List;
import org.winsim.sim.Machine;
import org.winsim.sim.MemoryBudget;
import org.winsim.sim.SimThread;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.sim.net.Host;

/**
 * A simulated Windows process on a host: its handle table, its WSAStartup count, its address space
 * (thread stacks come out of it), its host's non-paged pool (its sockets come out of that) and its main thread. The process ends when its main thread returns;
 * its remaining threads then end and its handles are closed, as ExitProcess does.
 */
public final class SimProcess {
    final SimWorld world;
    final String name;
    final Host host;
    final boolean daemon;
    final HandleTable handles = new HandleTable();
    /** The overlapped operations still pending, by OVERLAPPED; they outlive their sockets' handles. */
    final PendingIoTable pendingIo = new PendingIoTable();
    final MemoryBudget addressSpace;
    final NonPagedPool pool;
    /** The processors of its host, which its threads run on. */
    final Machine machine;
    final SimWin32 api;
    /** Its process id (GetCurrentProcessId): 4, 8, … in the order the world started its processes. */
    final int id;
    int criticalSections;
    long apiCalls;
    long wouldBlockFailures;
    boolean exited;
    SimThread mainThread;
    private final List<String> leaks = new ArrayList<>();

    SimProcess(SimWorld world, String name, Host host, boolean daemon, long addressSpaceBytes) {
        this.world = world;
        this.name = name;
        this.host = host;
        this.daemon = daemon;
        this.addressSpace = new MemoryBudget("address space of " + name, addressSpaceBytes);
        this.pool = world.nonPagedPool(host);
        this.machine = world.machine(host);
        this.id = 4 * (world.processes().size() + 1);
        this.api = new SimWin32(this);
    }

    public String name() {
        return name;
    }

    public Host host() {
        return host;
    }

    /** The API this process's threads call. */
    public Win32 api() {
        return api;
    }

    /** How many API calls the process's threads made. */
    public long apiCalls() {
        return apiCalls;
    }

    /** How many of them failed with WSAEWOULDBLOCK (a non-blocking socket had nothing to do yet). */
    public long wouldBlockFailures() {
        return wouldBlockFailures;
    }

    /** The most of its address space its thread stacks held at once, in bytes. */
    public long peakStackBytes() {
        return addressSpace.peak();
    }

    /** The non-paged pool of its host. */
    public NonPagedPool nonPagedPool() {
        return pool;
    }

    /** Handles that were still open when the process exited: kind, handle, who created it and when. */
    public List<String> leakedHandles() {
        return List.copyOf(leaks);
    }

    /**
     * The handle, in this process, of the socket at the other end of open socket {@code s}'s
     * connection (even if that socket has been closed since), or -1 when there is none in this process.
     */
    public long peerHandle(long s) {
        if (!(handles.get(s) instanceof SimSocket me) || me.tcb == null) {
            return -1;
        }
        return me.tcb.peerSocket() instanceof SimSocket peer && peer.process == this ? peer.handle : -1;
    }

    /** ExitProcess: notes the handles left open, then closes them; the process's other threads end at their next call. */
    void exit() {
        if (exited) {
            return;
        }
        exited = true;
        for (long h : handles.openHandles()) {
            KernelObject o = handles.get(h);
            if (o instanceof ThreadObject t && t.ended) {
                continue; // a finished thread's handle holds nothing but its exit code
            }
            leaks.add(o + (h == o.handle ? "" : " duplicated as 0x" + Long.toHexString(h)) + " created by " + o.creator());
        }
        for (long h : handles.openHandles()) {
            closeHandle(h);
        }
    }

    // ---- duplicated handles and deferred accept ----

    /**
     * Closes handle {@code h}: the object is closed when it was its last handle (CloseHandle, and ExitProcess
     * for each handle left). Returns the object, or null when {@code h} is not an open handle.
     */
    KernelObject closeHandle(long h) {
        KernelObject o = handles.remove(h);
        if (o != null && o.handleCount == 0) {
            o.closeHandle();
        }
        return o;
    }
}
