package org.winsim.winsock.sim;

import java.util.Arrays;

/**
 * A process's handle table: sockets and kernel objects share it. Values are deterministic multiples of
 * 4 from 0x100 and are not reused within a run, so a stale handle never names a new object. The table
 * is an array indexed by (handle - 0x100) / 4, the two low bits ignored as the kernel ignores them: no
 * boxed keys, no map entries. An object may have several handles (DuplicateHandle, WSADuplicateSocket):
 * it counts them, and is closed when its last one is. A slot also says whether ws2_32 registered the
 * handle as a socket (its own socket table): a DuplicateHandle copy of a socket handle is not, so
 * Winsock calls refuse it (WSAENOTSOCK).
 */
final class HandleTable {
    private static final long FIRST = 0x100;

    private KernelObject[] slots = new KernelObject[8];
    /** Whether ws2_32 registered the slot's handle as a socket. */
    private boolean[] winsockSockets = new boolean[8];
    /** Slots given out so far: the next handle is FIRST + 4 * issued. */
    private int issued;
    /** The lowest slot that may still hold an open object. */
    private int lowestOpen;

    /** The first handle of a new object (a socket's is registered with ws2_32); it names the object in traces. */
    long add(KernelObject o) {
        long h = put(o, o instanceof SimSocket);
        o.handle = h;
        return h;
    }

    /** A further handle to an object that has one, not registered with ws2_32 (see {@link #registerSocket}). */
    long duplicate(KernelObject o) {
        return put(o, false);
    }

    private long put(KernelObject o, boolean winsockSocket) {
        if (issued == slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
            winsockSockets = Arrays.copyOf(winsockSockets, slots.length);
        }
        long h = FIRST + 4L * issued;
        winsockSockets[issued] = winsockSocket;
        slots[issued++] = o;
        o.handleCount++;
        return h;
    }

    /** ws2_32 registers an open handle of a socket (WSASocket from a WSADuplicateSocket's protocol info). */
    void registerSocket(long h) {
        winsockSockets[slot(h)] = true;
    }

    /** Whether ws2_32 registered {@code h} as a socket handle (an open one); ws2_32 knows the value exactly, tag bits and all. */
    boolean isWinsockSocket(long h) {
        int i = slot(h);
        return i >= 0 && (h & 3) == 0 && winsockSockets[i] && slots[i] != null;
    }

    /** The slot of a handle; the kernel ignores a handle's two low bits, free for a program's tags (WOV-11). */
    private int slot(long h) {
        long i = (h - FIRST) >> 2;
        return h < FIRST || i >= issued ? -1 : (int) i;
    }

    KernelObject get(long h) {
        int i = slot(h);
        return i < 0 ? null : slots[i];
    }

    KernelObject remove(long h) {
        int i = slot(h);
        if (i < 0) {
            return null;
        }
        KernelObject o = slots[i];
        if (o != null) {
            o.handleCount--; // the caller closes the object when this was its last handle
        }
        slots[i] = null;
        winsockSockets[i] = false;
        while (lowestOpen < issued && slots[lowestOpen] == null) {
            lowestOpen++;
        }
        return o;
    }

    /** Open handles in the order they were made (an object with several handles appears once per handle). */
    long[] openHandles() {
        long[] out = new long[issued - lowestOpen];
        int n = 0;
        for (int i = lowestOpen; i < issued; i++) {
            if (slots[i] != null) {
                out[n++] = FIRST + 4L * i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
