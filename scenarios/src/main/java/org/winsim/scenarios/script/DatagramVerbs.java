package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.SOCKET_ERROR;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAMSG;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The datagram (UDP) verbs: sendto, recvfrom, and WSASendTo, WSARecvFrom, WSASendMsg without an OVERLAPPED. A
 * receive's outputs are the bytes and the source address, also when it fails with WSAEMSGSIZE (the
 * bytes the buffer was filled with). Datagram bytes are not checked against a peer's stream.
 */
final class DatagramVerbs {
    private static final String SOCKADDR_LEN = "[len=N|NULL]";
    private static final OutputSpec BYTES = new OutputSpec("bytes", OutputSpec.Kind.NUMBER, null);

    private DatagramVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                new Verb("sendto", "SOCKET (N|\"STRING\") ADDRESS " + SOCKADDR_LEN + " [FLAGS…]", Shape.of(SOCKET_ERROR), null,
                        a -> send(a, Sender.SENDTO), "sendto(): one datagram of N pattern bytes or literal bytes; ADDRESS as for bind"),
                new Verb("recvfrom", "SOCKET LEN " + SOCKADDR_LEN + " [FLAGS…]", Shape.of(SOCKET_ERROR, "\"BYTES\" IP:PORT"), null,
                        a -> receive(a, false), "recvfrom(): the bytes and where they came from (with WSAEMSGSIZE too: the"
                        + " bytes that filled the buffer); NULL passes no address"),
                new Verb("WSASendTo", "SOCKET (N|\"STRING\")[,…] ADDRESS " + SOCKADDR_LEN + " [sent=NULL] [FLAGS…]",
                        new Shape(SOCKET_ERROR, List.of(BYTES), ""), null, a -> send(a, Sender.WSASENDTO),
                        "WSASendTo() without an OVERLAPPED: one datagram gathered from the buffers; sent=NULL passes no byte count"),
                new Verb("WSASendMsg", "SOCKET ((N|\"STRING\")[,…] ADDRESS|NULL) " + SOCKADDR_LEN + " [sent=NULL] [FLAGS…]",
                        new Shape(SOCKET_ERROR, List.of(BYTES), ""), null, a -> send(a, Sender.WSASENDMSG),
                        "WSASendMsg() without an OVERLAPPED: a WSAMSG of these buffers and name (ADDRESS NULL: no name), or a"
                        + " NULL WSAMSG; sent=NULL passes no byte count"),
                new Verb("WSARecvFrom", "SOCKET LEN[,LEN…] " + SOCKADDR_LEN + " [FLAGS…]",
                        new Shape(SOCKET_ERROR, List.of(BYTES), "\"BYTES\" IP:PORT"), null, a -> receive(a, true),
                        "WSARecvFrom() without an OVERLAPPED: one datagram scattered into buffers of these lengths, and its source"));
    }

    /** The three ways a datagram is sent. */
    private enum Sender { SENDTO, WSASENDTO, WSASENDMSG }

    /** sendto, WSASendTo or WSASendMsg: buffers (WSASendMsg: or NULL), the address, its length, [sent=NULL], flags. */
    private static Verb.Action send(Args a, Sender how) throws ScriptSyntaxError {
        HandleRef s = a.socket();
        boolean nullMsg = how == Sender.WSASENDMSG && a.more() && a.peek().isWord("NULL");
        if (nullMsg) {
            a.next();
        }
        OverlappedVerbs.Buffers buffers = nullMsg ? null : OverlappedVerbs.Buffers.parse(a, false);
        if (how == Sender.SENDTO && buffers.lens().size() > 1) {
            throw a.error(a.here(), "sendto takes one buffer (WSASendTo gathers several)");
        }
        Script.Address addr = nullMsg ? null : a.address();
        int len = a.lenOption(Winsock.SIZEOF_SOCKADDR_IN);
        boolean noCount = how != Sender.SENDTO && a.more() && a.peek().isWord("sent");
        if (noCount) {
            a.next();
            a.expect(Token.Kind.EQUALS, "'=' after sent");
            if (!a.word("NULL").isWord("NULL")) {
                throw a.error(a.here(), "sent= takes only NULL (a NULL lpNumberOfBytesSent)");
            }
        }
        int flags = a.flags();
        return st -> {
            long h = st.handle(s);
            WSABUF[] bufs = nullMsg ? null : buffers.make(st, h, false);
            sockaddr_in to = addr == null ? null : st.address(addr);
            if (how == Sender.SENDTO) {
                return st.result(SOCKET_ERROR, st.w().sendto(h, bufs[0].buf, bufs[0].len, flags, to, len));
            }
            int[] sent = noCount ? null : new int[1];
            int ret = how == Sender.WSASENDTO ? st.w().WSASendTo(h, bufs, bufs.length, sent, flags, to, len, null, null)
                    : st.w().WSASendMsg(h, nullMsg ? null : new WSAMSG(to, len, bufs), flags, sent, null, null);
            List<Output.Field> out = ret == 0 ? List.of(new Output.Field("bytes", new Output.Number(sent == null ? 0 : sent[0])))
                    : List.of();
            return st.result(SOCKET_ERROR, ret, out, null);
        };
    }

    /** recvfrom, or WSARecvFrom ({@code wsa}): buffer lengths, the address length (NULL: no address), flags. */
    private static Verb.Action receive(Args a, boolean wsa) throws ScriptSyntaxError {
        HandleRef s = a.socket();
        OverlappedVerbs.Buffers buffers = OverlappedVerbs.Buffers.parse(a, true);
        if (!wsa && buffers.lens().size() > 1) {
            throw a.error(a.here(), "recvfrom takes one buffer (WSARecvFrom scatters into several)");
        }
        int fromLen = a.lenOption(Winsock.SIZEOF_SOCKADDR_IN);
        int flags = a.flags();
        return st -> {
            long h = st.handle(s);
            WSABUF[] bufs = buffers.make(st, h, true);
            sockaddr_in from = fromLen < 0 ? null : new sockaddr_in();
            int[] fromLenp = fromLen < 0 ? null : new int[] {fromLen};
            int[] count = {0};
            int ret = wsa ? st.w().WSARecvFrom(h, bufs, bufs.length, count, new int[] {flags}, from, fromLenp, null, null)
                    : st.w().recvfrom(h, bufs[0].buf, bufs[0].len, flags, from, fromLenp);
            boolean cut = ret == Winsock.SOCKET_ERROR && st.w().WSAGetLastError() == WsaError.WSAEMSGSIZE.code;
            int total = WSABUF.total(bufs, bufs.length);
            int got = cut ? total : ret == Winsock.SOCKET_ERROR ? -1 : wsa ? count[0] : ret;
            List<Output.Field> out = new ArrayList<>();
            if (wsa && ret == 0) {
                out.add(new Output.Field("bytes", new Output.Number(count[0])));
            }
            if (got >= 0) {
                out.add(new Output.Field(null, new Output.Data(Arrays.copyOf(WSABUF.gather(bufs, bufs.length), got))));
                if (from != null) {
                    out.add(new Output.Field(null, new Output.Addr(from.sin_addr, from.sin_port)));
                }
            }
            return st.result(SOCKET_ERROR, ret, out, null);
        };
    }
}
