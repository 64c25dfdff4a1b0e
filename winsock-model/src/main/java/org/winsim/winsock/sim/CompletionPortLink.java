package org.winsim.winsock.sim;

/**
 * A socket's association with an I/O completion port, as {@code CreateIoCompletionPort} makes it: the
 * seam through which an overlapped request's completion reaches the port. The completion-port work
 * implements it (the port, the key, the packet queue); overlapped I/O only calls {@link #post} for a
 * completion whose OVERLAPPED asked for a packet (no completion routine, {@code hEvent}'s low bit clear).
 */
interface CompletionPortLink {
    /**
     * Queues the packet of a completed request (its OVERLAPPED, {@link IoRequest#status()} and
     * {@code transferred}; {@link IoRequest#completedAtOnce} for FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)
     * with the association's key.
     */
    void post(IoRequest r);
}
