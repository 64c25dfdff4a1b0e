package org.winsim.winsock.api;

/**
 * {@code OVERLAPPED_ENTRY}: one packet GetQueuedCompletionStatusEx removed — its key, its OVERLAPPED
 * (as posted: the system neither checks nor dereferences it), its status ({@code Internal}: the
 * NTSTATUS of the I/O, 0 for a posted packet) and its byte count.
 */
public final class OVERLAPPED_ENTRY {
    public long lpCompletionKey;
    public WSAOVERLAPPED lpOverlapped;
    /** The NTSTATUS the operation completed with (documented as reserved). */
    public long Internal;
    public int dwNumberOfBytesTransferred;
}
