package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.WSAOVERLAPPED;

/** The pending-I/O table keys requests by their OVERLAPPED's address, which the Java object's identity stands for. */
class PendingIoTableTest {
    @Test
    void anOverlappedIsKnownByItsIdentityAlone() throws NoSuchMethodException {
        // PendingIoTable is a HashMap: two structures at different addresses must stay different keys (a reused
        // OVERLAPPED is a finding, two equal-looking ones are not), so WSAOVERLAPPED keeps Object's equals and hashCode
        assertSame(Object.class, WSAOVERLAPPED.class.getMethod("equals", Object.class).getDeclaringClass());
        assertSame(Object.class, WSAOVERLAPPED.class.getMethod("hashCode").getDeclaringClass());
    }
}
