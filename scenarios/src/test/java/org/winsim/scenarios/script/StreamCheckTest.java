package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Winsock;

/** The stream check: received bytes continue the peer's stream, and urgent bytes are accounted out of line. */
class StreamCheckTest {
    private static final long C = 0x100;
    private static final long A = 0x104;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static StreamCheck sent(String text, int flags) {
        StreamCheck s = new StreamCheck();
        s.send(C, b(text), flags, () -> text.length());
        return s;
    }

    @Test
    void bytesMustContinueThePeersStream() {
        StreamCheck s = sent("hello", 0);
        assertNull(s.received(A, C, "c", b("he"), Winsock.MSG_PEEK));
        assertNull(s.received(A, C, "c", b("hel"), 0));
        assertEquals("received bytes differ from what c sent, at byte 4 of its stream", s.received(A, C, "c", b("lX"), 0));
        assertNull(s.received(A, -1, "?", b("anything"), 0), "a peer outside the script is not checked");
    }

    @Test
    void anUrgentByteReadFirstLeavesTheNormalBytesInOrder() {
        StreamCheck s = sent("abc!", Winsock.MSG_OOB);
        assertNull(s.received(A, C, "c", b("!"), Winsock.MSG_OOB));
        assertNull(s.received(A, C, "c", b("abc"), 0));
        s.send(C, b("de"), 0, () -> 2);
        assertNull(s.received(A, C, "c", b("de"), 0));
    }

    @Test
    void anUrgentByteNotSeenInlineIsHeldForTheUrgentRead() {
        StreamCheck s = sent("abc!", Winsock.MSG_OOB);
        s.send(C, b("de"), 0, () -> 2);
        assertNull(s.received(A, C, "c", b("abcde"), 0));
        assertNull(s.received(A, C, "c", b("!"), Winsock.MSG_OOB));
        assertEquals("the urgent byte received is not an urgent byte c sent", s.received(A, C, "c", b("!"), Winsock.MSG_OOB));
    }

    @Test
    void anUrgentByteMayBeReadInline() {
        StreamCheck s = sent("abc!", Winsock.MSG_OOB);
        assertNull(s.received(A, C, "c", b("abc!"), 0));
        assertEquals("the urgent byte received is not an urgent byte c sent", s.received(A, C, "c", b("!"), Winsock.MSG_OOB));
    }

    @Test
    void whatASendDidNotTakeLeavesTheStream() {
        StreamCheck s = new StreamCheck();
        s.send(C, b("abcdef"), 0, () -> 2);
        assertEquals("received bytes differ from what c sent, at byte 2 of its stream", s.received(A, C, "c", b("abc"), 0));
    }

    @Test
    void theEndOfTheStreamMustComeAfterEveryReportedByte() {
        StreamCheck s = sent("hello", 0);
        assertNull(s.received(A, C, "c", b("hel"), 0));
        assertEquals("the stream ended after byte 3 of 5 that c's sends reported: 2 bytes never arrived", s.ended(A, C, "c"));
        assertNull(s.received(A, C, "c", b("lo"), 0));
        assertNull(s.ended(A, C, "c"));
        assertNull(s.ended(A, -1, "?"), "a peer outside the script is not checked");
        StreamCheck urgent = sent("ab!", Winsock.MSG_OOB);
        assertNull(urgent.received(A, C, "c", b("ab"), 0));
        assertNull(urgent.ended(A, C, "c"), "an urgent byte left out of line counts as read");
    }
}
