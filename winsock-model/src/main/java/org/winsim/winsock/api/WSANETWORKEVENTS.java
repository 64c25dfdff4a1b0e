package org.winsim.winsock.api;

/**
 * {@code WSANETWORKEVENTS}: what {@code WSAEnumNetworkEvents} reports — the FD_ bits that occurred
 * ({@code lNetworkEvents}) and, for each bit set, the error of that event in {@code iErrorCode[FD_x_BIT]}.
 * Entries for bits not set are left as the caller had them.
 */
public final class WSANETWORKEVENTS {
    public int lNetworkEvents;
    public final int[] iErrorCode = new int[Winsock.FD_MAX_EVENTS];
}
