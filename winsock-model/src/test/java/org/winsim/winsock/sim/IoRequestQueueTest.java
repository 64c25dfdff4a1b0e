package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IoRequestQueueTest {
    private static IoRequest request(int len) {
        return new IoRequest(IoRequest.Kind.RECV, null, null, null, 0, len, 0);
    }

    @Test
    void requestsLeaveInTheOrderTheyCameAndFromAnywhereWhenRemoved() {
        IoRequestQueue q = new IoRequestQueue();
        IoRequest a = request(1);
        IoRequest b = request(2);
        IoRequest c = request(3);
        IoRequest d = request(4);
        q.addLast(a);
        q.addLast(b);
        q.addLast(c);
        q.remove(b); // from the middle
        q.remove(request(9)); // one it does not hold: nothing happens
        q.addLast(d);
        q.remove(d); // the last: the one before it is the last now
        q.addLast(b); // a request that left may come again
        assertEquals(a, q.pollFirst());
        assertEquals(c, q.pollFirst());
        assertEquals(b, q.pollFirst());
        assertNull(q.pollFirst());
        assertTrue(q.isEmpty());
        q.addLast(a);
        q.remove(a); // the only one
        assertTrue(q.isEmpty());
        assertNull(q.peekFirst());
    }

    @Test
    void aRequestCannotBeQueuedTwice() {
        IoRequestQueue q = new IoRequestQueue();
        IoRequest a = request(1);
        IoRequest b = request(2);
        q.addLast(a);
        q.addLast(b);
        assertThrows(IllegalStateException.class, () -> q.addLast(a), "linked to the one behind it");
        assertThrows(IllegalStateException.class, () -> q.addLast(b), "the last");
    }
}
