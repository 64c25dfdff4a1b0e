package org.winsim.winsock.sim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The urgent mark against what the application read, counted from the connection's stream. */
class UrgentDataTest {
    @Test
    void theMarkStandsWhereTheUrgentByteLeftTheStream() {
        UrgentData oob = new UrgentData();
        ByteQueue buf = new ByteQueue();
        assertEquals(false, oob.deliver(buf, new byte[] {1, 2}, -1, false, 0)); // no urgent byte in it
        assertEquals(true, oob.deliver(buf, new byte[] {3, 4, 9, 5}, 2, false, 2)); // 9 is urgent, out of line
        long stream = 6;
        byte[] got = new byte[5];
        assertEquals(4, buf.read(got, 0, 4)); // 1 2 3 4: reading stops at the mark
        assertEquals(true, oob.atMark(true, false, buf, stream), "BSD: reading has reached the mark");
        assertEquals(false, oob.atMark(false, false, buf, stream), "Windows: the urgent byte is still to be read");
        assertEquals((byte) 9, oob.take(false));
        assertEquals(true, oob.atMark(false, false, buf, stream));
        assertEquals(1, buf.read(got, 4, 1));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, got);
        assertEquals(false, oob.atMark(true, false, buf, stream), "BSD: past the mark");
    }

    @Test
    void bytesAResetDroppedCountAsNeverRead() {
        UrgentData oob = new UrgentData();
        ByteQueue buf = new ByteQueue();
        oob.deliver(buf, new byte[] {1, 9, 2}, 1, false, 0); // out of line, then SO_OOBINLINE brings it back at byte 1
        assertEquals(true, oob.rejoin(buf, false, 3));
        assertEquals(false, oob.atMark(false, true, buf, 3), "the urgent byte is unread");
        oob.drop(buf);
        assertEquals(0, buf.size());
        assertEquals(false, oob.atMark(false, true, buf, 3), "dropped unread, not read past");
    }
}
