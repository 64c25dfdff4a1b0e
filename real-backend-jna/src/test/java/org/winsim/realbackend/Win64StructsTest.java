package org.winsim.realbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Windows binding's structures against the documented Windows x64 layout (sizes and field offsets). */
class Win64StructsTest {
    @BeforeAll
    static void on64BitJvm() {
        assertEquals(8, Native.POINTER_SIZE, "these layouts are Windows x64's: run the tests on a 64-bit JVM");
    }

    @Test
    void sockaddrIn() {
        var s = new Win64Structs.SOCKADDR_IN();
        assertEquals(16, s.size());
        assertEquals(0, s.offsetOf("sin_family"));
        assertEquals(2, s.offsetOf("sin_port"));
        assertEquals(4, s.offsetOf("sin_addr"));
        assertEquals(8, s.offsetOf("sin_zero"));
    }

    @Test
    void fdSet() {
        var s = new Win64Structs.FD_SET();
        assertEquals(520, s.size());
        assertEquals(0, s.offsetOf("fd_count"));
        assertEquals(8, s.offsetOf("fd_array"));
    }

    @Test
    void timevalAndLinger() {
        var t = new Win64Structs.TIMEVAL();
        assertEquals(8, t.size());
        assertEquals(4, t.offsetOf("tv_usec"));
        var l = new Win64Structs.LINGER();
        assertEquals(4, l.size());
        assertEquals(2, l.offsetOf("l_linger"));
    }

    @Test
    void wsadata() {
        var d = new Win64Structs.WSADATA();
        assertEquals(408, d.size());
        assertEquals(0, d.offsetOf("wVersion"));
        assertEquals(2, d.offsetOf("wHighVersion"));
        assertEquals(4, d.offsetOf("iMaxSockets"));
        assertEquals(6, d.offsetOf("iMaxUdpDg"));
        assertEquals(8, d.offsetOf("lpVendorInfo"));
        assertEquals(16, d.offsetOf("szDescription"));
        assertEquals(273, d.offsetOf("szSystemStatus"));
    }

    @Test
    void wsabufAndOverlapped() {
        var b = new Win64Structs.WSABUF();
        assertEquals(16, b.size());
        assertEquals(0, b.offsetOf("len"));
        assertEquals(8, b.offsetOf("buf"));
        var o = new Win64Structs.WSAOVERLAPPED();
        assertEquals(32, o.size());
        assertEquals(0, o.offsetOf("Internal"));
        assertEquals(8, o.offsetOf("InternalHigh"));
        assertEquals(16, o.offsetOf("Offset"));
        assertEquals(20, o.offsetOf("OffsetHigh"));
        assertEquals(24, o.offsetOf("hEvent"));
    }
}
