package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.HANDLE;
import static org.winsim.scenarios.script.Convention.INVALID_SOCKET;

import java.util.List;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.FixedCondition;
import org.winsim.winsock.api.WSAPROTOCOL_INFO;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The verbs of duplicated handles and deferred accept: WSAAccept with a condition function that gives a
 * fixed answer, DuplicateHandle within the script's process, and WSADuplicateSocket with the WSASocket that
 * opens its copy.
 */
final class HandleSharingVerbs {
    private static final NameType[] ANY = NameType.values();

    private HandleSharingVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                new Verb("WSAAccept", "SOCKET [len=N|NULL] [CF_ACCEPT|CF_REJECT|CF_DEFER|N]", Shape.of(INVALID_SOCKET), NameType.SOCKET, a -> {
                    HandleRef s = a.socket();
                    int len = a.lenOption(Winsock.SIZEOF_SOCKADDR_IN);
                    FixedCondition condition = a.more() ? new FixedCondition(a.intArg("the condition function's answer")) : null;
                    return st -> st.result(INVALID_SOCKET, len < 0 ? st.w().WSAAccept(st.handle(s), null, null, condition, 0)
                            : st.w().WSAAccept(st.handle(s), new sockaddr_in(), new int[] {len}, condition, 0));
                }, "WSAAccept(): with a condition function that answers CF_ACCEPT, CF_REJECT (WSAECONNREFUSED) or CF_DEFER"
                        + " (WSATRY_AGAIN: the connection stays queued), or none"),
                new Verb("DuplicateHandle", "HANDLE [OPTIONS]", Shape.of(HANDLE), NameType.HANDLE, a -> {
                    HandleRef h = a.handle(ANY);
                    int options = a.more() ? a.intArg("dwOptions: DUPLICATE_SAME_ACCESS, DUPLICATE_CLOSE_SOURCE") : WinBase.DUPLICATE_SAME_ACCESS;
                    return st -> {
                        long[] copy = {0};
                        long self = st.w().GetCurrentProcess();
                        int ok = st.w().DuplicateHandle(self, st.handle(h), self, copy, 0, false, options);
                        return st.result(HANDLE, ok != 0 ? copy[0] : 0);
                    };
                }, "DuplicateHandle(GetCurrentProcess(), HANDLE, GetCurrentProcess(), &copy, 0, FALSE, OPTIONS"
                        + " (default DUPLICATE_SAME_ACCESS)): the copy, or NULL; a socket's copy is not a socket to Winsock"),
                new Verb("WSADuplicateSocket", "SOCKET [FLAGS]", Shape.of(INVALID_SOCKET), NameType.SOCKET, a -> {
                    HandleRef s = a.socket();
                    int flags = a.more() ? a.intArg("WSASocket's dwFlags") : Winsock.WSA_FLAG_OVERLAPPED;
                    return st -> {
                        WSAPROTOCOL_INFO info = new WSAPROTOCOL_INFO();
                        if (st.w().WSADuplicateSocket(st.handle(s), st.w().GetCurrentProcessId(), info) != 0) {
                            return st.result(INVALID_SOCKET, Winsock.INVALID_SOCKET);
                        }
                        int from = Winsock.FROM_PROTOCOL_INFO;
                        return st.result(INVALID_SOCKET, st.w().WSASocket(from, from, from, info, 0, flags));
                    };
                }, "WSADuplicateSocket(SOCKET, GetCurrentProcessId(), &info), then WSASocket(FROM_PROTOCOL_INFO x3, &info, 0,"
                        + " FLAGS (default WSA_FLAG_OVERLAPPED)): a second descriptor of the socket, which lives until the last is closed"));
    }
}
