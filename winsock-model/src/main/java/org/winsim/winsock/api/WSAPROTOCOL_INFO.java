package org.winsim.winsock.api;

/**
 * {@code WSAPROTOCOL_INFO} as WSADuplicateSocket fills it for a target process and WSASocket (with
 * FROM_PROTOCOL_INFO) reads it: the socket's address family, type and protocol, and the provider's
 * reserved value, which names the shared socket in the target process.
 */
public final class WSAPROTOCOL_INFO {
    public int iAddressFamily;
    public int iSocketType;
    public int iProtocol;
    /** The service provider's own value (the duplicated socket handle in the target process); programs do not read it. */
    public long dwProviderReserved;
}
