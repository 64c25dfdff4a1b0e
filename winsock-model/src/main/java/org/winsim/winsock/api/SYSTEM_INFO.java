package org.winsim.winsock.api;

/** {@code SYSTEM_INFO}, the part of it the lecture's programs read. */
public final class SYSTEM_INFO {
    public int dwNumberOfProcessors;
    public int dwPageSize;
}
