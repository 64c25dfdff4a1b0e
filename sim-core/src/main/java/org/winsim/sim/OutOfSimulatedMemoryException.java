package org.winsim.sim;

/** A reservation did not fit in its simulated memory budget, such as a thread stack when address space is spent. */
public final class OutOfSimulatedMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutOfSimulatedMemoryException(String message) {
        super(message);
    }
}
