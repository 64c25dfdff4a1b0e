package org.winsim.winsock.api;

/**
 * {@code WSAOVERLAPPED} (the same structure as kernel32's {@code OVERLAPPED}): the state of one
 * overlapped operation, owned by the program and named by its address. While the operation is pending
 * {@code Internal} holds STATUS_PENDING (0x103); when it completes, the NTSTATUS it ended with, and
 * {@code InternalHigh} the bytes transferred. {@code hEvent} is signalled on completion (unless a
 * completion routine or a completion port takes the notification); the system never changes
 * {@code Offset}/{@code OffsetHigh}. The Java object's identity stands for its address.
 */
public final class WSAOVERLAPPED {
    /** The NTSTATUS of the operation: STATUS_PENDING while pending. */
    public long Internal;
    /** Bytes transferred, once complete. */
    public long InternalHigh;
    public int Offset;
    public int OffsetHigh;
    /** An event handle (or 0); a handle with its low bit set asks for no completion-port packet. */
    public long hEvent;

    public WSAOVERLAPPED() {
    }

    public WSAOVERLAPPED(long hEvent) {
        this.hEvent = hEvent;
    }
}
