package org.winsim.winsock.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process's handle table: sockets and kernel objects share it. Values are deterministic multiples of
 * 4 from 0x100 and are not reused within a run, so a stale handle never names a new object.
 */
final class HandleTable {
    private final Map<Long, KernelObject> objects = new LinkedHashMap<>();
    private long next = 0x100;

    long add(KernelObject o) {
        long h = next;
        next += 4;
        o.handle = h;
        objects.put(h, o);
        return h;
    }

    KernelObject get(long h) {
        return objects.get(h);
    }

    KernelObject remove(long h) {
        return objects.remove(h);
    }

    /** Open objects in the order they were created. */
    List<KernelObject> open() {
        return new ArrayList<>(objects.values());
    }
}
