package org.winsim.winsock.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A process's handle table: sockets and kernel objects share it. Values are deterministic multiples of
 * 4 from 0x100 and are not reused within a run, so a stale handle never names a new object. The table
 * is an array indexed by (handle - 0x100) / 4: no boxed keys, no map entries.
 */
final class HandleTable {
    private static final long FIRST = 0x100;

    private KernelObject[] slots = new KernelObject[8];
    /** Slots given out so far: the next handle is FIRST + 4 * issued. */
    private int issued;
    /** The lowest slot that may still hold an open object. */
    private int lowestOpen;

    long add(KernelObject o) {
        if (issued == slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        long h = FIRST + 4L * issued;
        slots[issued++] = o;
        o.handle = h;
        return h;
    }

    private int slot(long h) {
        long i = (h - FIRST) >> 2;
        return h < FIRST || (h & 3) != 0 || i >= issued ? -1 : (int) i;
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
        slots[i] = null;
        while (lowestOpen < issued && slots[lowestOpen] == null) {
            lowestOpen++;
        }
        return o;
    }

    /** Open objects in the order they were created. */
    List<KernelObject> open() {
        List<KernelObject> out = new ArrayList<>();
        for (int i = lowestOpen; i < issued; i++) {
            if (slots[i] != null) {
                out.add(slots[i]);
            }
        }
        return out;
    }
}
