package org.winsim.winsock.sim;

import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32Error;

/**
 * One I/O completion packet on a completion port's queue: the byte count, the key, the OVERLAPPED, and
 * how the operation ended — its NTSTATUS (what {@code OVERLAPPED_ENTRY.Internal} and the OVERLAPPED's
 * status block show) and the Win32 error GetQueuedCompletionStatus reports for it.
 *
 * <p>A posted packet ({@code PostQueuedCompletionStatus}, an NT mini-packet) is returned exactly as posted
 * and touches nothing. An I/O packet writes its status and byte count into its OVERLAPPED when a thread
 * removes it, not before (IOCP-21).
 *
 * @param status the NTSTATUS: 0 (STATUS_SUCCESS) for a posted packet
 * @param error the Win32 error GetQueuedCompletionStatus returns FALSE with, or {@link Win32Error#ERROR_SUCCESS}
 * @param io whether an I/O request completed it (so removing it fills the OVERLAPPED's status block)
 * @param link while tracing, the sequence number of the {@code IOCP} record that queued it: its trace link
 *     {@code cp<link>} joins that record to the GetQueuedCompletionStatus that returns it; 0 untraced
 */
record CompletionPacket(int bytes, long key, WSAOVERLAPPED overlapped, long status, Win32Error error, boolean io, long link) {

    /** PostQueuedCompletionStatus's packet: three values, returned unchanged, never interpreted. */
    static CompletionPacket posted(int bytes, long key, WSAOVERLAPPED overlapped) {
        return new CompletionPacket(bytes, key, overlapped, 0, Win32Error.ERROR_SUCCESS, false, 0);
    }

    /** The packet of an overlapped operation on an associated handle that completed with {@code status}. */
    static CompletionPacket completed(long key, WSAOVERLAPPED overlapped, int bytes, long status, Win32Error error) {
        return new CompletionPacket(bytes, key, overlapped, status, error, true, 0);
    }

    /** The packet as queued by the trace record numbered {@code seq} (only while tracing). */
    CompletionPacket linked(long seq) {
        return new CompletionPacket(bytes, key, overlapped, status, error, io, seq);
    }

    /** Its trace link id (docs/architecture.md, "Trace records"). */
    String linkId() {
        return "cp" + link;
    }

    /** Whether GetQueuedCompletionStatus returns TRUE for it. */
    boolean succeeded() {
        return error == Win32Error.ERROR_SUCCESS;
    }

    /** A thread removed the packet: an I/O packet's OVERLAPPED receives its status block now. */
    void removed() {
        if (io && overlapped != null) {
            overlapped.Internal = status;
            overlapped.InternalHigh = bytes & 0xffffffffL;
        }
    }

    @Override
    public String toString() {
        return "packet(bytes=" + bytes + " key=" + key + (overlapped == null ? " ov=NULL" : "")
                + (succeeded() ? "" : " " + error.name()) + ")";
    }
}
