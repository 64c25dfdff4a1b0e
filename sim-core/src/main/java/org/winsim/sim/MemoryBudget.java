package org.winsim.sim;

/**
 * A fixed amount of simulated memory that reservations draw from, such as the address space that
 * thread stacks are reserved in, or the non-paged pool that sockets use.
 */
public final class MemoryBudget {
    private final String name;
    private final long limit;
    private long used;
    private long peak;

    public MemoryBudget(String name, long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("memory budget '" + name + "' must not be negative: " + limitBytes);
        }
        this.name = name;
        this.limit = limitBytes;
    }

    /** Takes {@code bytes} from the budget if they fit; returns false, taking nothing, if they do not. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0 || bytes > limit - used) {
            return false;
        }
        used += bytes;
        peak = Math.max(peak, used);
        return true;
    }

    /** Gives back bytes taken earlier. */
    public void release(long bytes) {
        if (bytes < 0 || bytes > used) {
            throw new IllegalStateException("memory budget '" + name + "': releasing " + bytes + " of " + used + " used");
        }
        used -= bytes;
    }

    public String name() {
        return name;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used;
    }

    public long peak() {
        return peak;
    }
}
