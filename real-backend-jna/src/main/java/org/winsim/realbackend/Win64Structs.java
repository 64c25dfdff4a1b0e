package org.winsim.realbackend;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The Winsock structures the Windows binding passes, laid out as on Windows x64 (LLP64: C {@code long}
 * is 4 bytes, pointers and SOCKET 8). Tests check every size and field offset against the documented layout.
 */
final class Win64Structs {
    private Win64Structs() {
    }

    /** A structure whose field offsets can be read, for the layout tests and for hand-built buffers. */
    abstract static class Layout extends Structure {
        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code struct sockaddr_in}: 16 bytes. */
    @Structure.FieldOrder({"sin_family", "sin_port", "sin_addr", "sin_zero"})
    public static final class SOCKADDR_IN extends Layout {
        public short sin_family;
        public short sin_port;
        public int sin_addr;
        public byte[] sin_zero = new byte[8];
    }

    /** {@code fd_set} with the default FD_SETSIZE of 64: a u_int count, then 64 SOCKETs from offset 8. */
    @Structure.FieldOrder({"fd_count", "fd_array"})
    public static final class FD_SET extends Layout {
        public int fd_count;
        public long[] fd_array = new long[64];
    }

    /** {@code struct timeval}: two C longs (4 bytes each on Windows). */
    @Structure.FieldOrder({"tv_sec", "tv_usec"})
    public static final class TIMEVAL extends Layout {
        public int tv_sec;
        public int tv_usec;
    }

    /** {@code struct linger}: two u_shorts. */
    @Structure.FieldOrder({"l_onoff", "l_linger"})
    public static final class LINGER extends Layout {
        public short l_onoff;
        public short l_linger;
    }

    /** {@code WSADATA} on Win64, where lpVendorInfo comes before the strings. */
    @Structure.FieldOrder({"wVersion", "wHighVersion", "iMaxSockets", "iMaxUdpDg", "lpVendorInfo", "szDescription",
            "szSystemStatus"})
    public static final class WSADATA extends Layout {
        public short wVersion;
        public short wHighVersion;
        public short iMaxSockets;
        public short iMaxUdpDg;
        public Pointer lpVendorInfo;
        public byte[] szDescription = new byte[257];
        public byte[] szSystemStatus = new byte[129];
    }

    /** {@code WSABUF}: a u_long length, then the buffer pointer at offset 8. */
    @Structure.FieldOrder({"len", "buf"})
    public static final class WSABUF extends Layout {
        public int len;
        public Pointer buf;
    }

    /** {@code WSAOVERLAPPED}: Internal and InternalHigh (ULONG_PTR), Offset, OffsetHigh, hEvent. */
    @Structure.FieldOrder({"Internal", "InternalHigh", "Offset", "OffsetHigh", "hEvent"})
    public static final class WSAOVERLAPPED extends Layout {
        public long Internal;
        public long InternalHigh;
        public int Offset;
        public int OffsetHigh;
        public Pointer hEvent;
    }
}
