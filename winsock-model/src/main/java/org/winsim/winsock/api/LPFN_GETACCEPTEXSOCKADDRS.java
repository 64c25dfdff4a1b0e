package org.winsim.winsock.api;

/**
 * {@code LPFN_GETACCEPTEXSOCKADDRS}: GetAcceptExSockaddrs, which reads the two addresses AcceptEx wrote
 * into its output buffer. C hands back pointers into the buffer; here the addresses are copied into
 * {@code LocalSockaddr} and {@code RemoteSockaddr} and their lengths into the length arrays.
 */
@FunctionalInterface
public interface LPFN_GETACCEPTEXSOCKADDRS {
    void GetAcceptExSockaddrs(byte[] lpOutputBuffer, int dwReceiveDataLength, int dwLocalAddressLength,
                              int dwRemoteAddressLength, sockaddr_in LocalSockaddr, int[] LocalSockaddrLength,
                              sockaddr_in RemoteSockaddr, int[] RemoteSockaddrLength);
}
