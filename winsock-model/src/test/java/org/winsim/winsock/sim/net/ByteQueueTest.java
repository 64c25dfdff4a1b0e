package org.winsim.winsock.sim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ByteQueueTest {
    @Test
    void aDrainedQueueGivesUpAGrownArrayButKeepsASmallOne() {
        ByteQueue q = new ByteQueue();
        assertEquals(0, q.capacity());
        byte[] data = new byte[5000];
        Arrays.fill(data, (byte) 7);
        q.write(data, 0, 10);
        assertEquals(1024, q.capacity());
        q.write(data, 0, 4990);
        assertEquals(8192, q.capacity());
        byte[] got = new byte[5000];
        assertEquals(3000, q.read(got, 0, 3000));
        assertEquals(8192, q.capacity(), "still holding bytes");
        assertEquals(2000, q.read(got, 3000, 5000));
        assertArrayEquals(data, got);
        assertEquals(0, q.capacity(), "drained: the 8 KiB array is given up");
        q.write(data, 0, 3);
        q.discard(3);
        assertEquals(1024, q.capacity(), "a small array stays: a short message each time allocates nothing");
        q.write(data, 0, 512);
        assertEquals(1024, q.capacity());
    }
}
