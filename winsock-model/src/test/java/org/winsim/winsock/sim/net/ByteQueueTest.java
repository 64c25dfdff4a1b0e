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

    @Test
    void anEmptyQueueHoldsAHandedArrayAndMovesItsBytesToItsOwnWhenMoreCome() {
        ByteQueue q = new ByteQueue();
        byte[] first = {1, 2, 3, 4};
        q.append(first);
        assertEquals(4, q.size());
        assertEquals(true, q.slice(0, 4) == first, "the whole of a handed array goes out as it is");
        byte[] part = q.slice(1, 2);
        assertArrayEquals(new byte[] {2, 3}, part);
        assertEquals(false, part == first);
        q.write(new byte[] {5, 6}, 0, 2);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, first, "the handed array is never written");
        assertEquals(1024, q.capacity(), "the bytes moved to the queue's own array");
        byte[] got = new byte[6];
        assertEquals(6, q.read(got, 0, 6));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, got);
        q.appendCopy(got, 2, 3);
        assertEquals(1024 + 3, q.capacity(), "a copy of its own beside the kept array");
        q.discard(1);
        assertArrayEquals(new byte[] {4, 5}, q.slice(0, 2));
        q.discard(2);
        assertEquals(1024, q.capacity(), "drained: the handed array is let go");
        q.append(new byte[0]);
        assertEquals(0, q.size());
        assertEquals(1024, q.capacity());
    }

    @Test
    void aByteInsertedIntoAHandedArrayGoesIntoTheQueuesOwnCopy() {
        ByteQueue q = new ByteQueue();
        byte[] handed = {1, 2, 3};
        q.append(handed);
        q.insert(1, (byte) 9); // an urgent byte rejoining the stream
        assertArrayEquals(new byte[] {1, 2, 3}, handed);
        assertArrayEquals(new byte[] {1, 9, 2, 3}, q.slice(0, 4));
    }
}
