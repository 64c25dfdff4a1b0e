package org.winsim.winsock.api;

/** {@code WSADATA}: what {@code WSAStartup} reports about the Winsock implementation. */
public final class WSADATA {
    public int wVersion;
    public int wHighVersion;
    public String szDescription = "";
    public String szSystemStatus = "";
}
