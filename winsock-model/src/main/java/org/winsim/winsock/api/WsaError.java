package org.winsim.winsock.api;

import java.util.HashMap;
import java.util.Map;

/** Winsock error codes (the WSA namespace, as {@code WSAGetLastError} returns them), with their real numbers. */
public enum WsaError {
    NO_ERROR(0),
    WSAEINTR(10004),
    WSAEBADF(10009),
    WSAEACCES(10013),
    WSAEFAULT(10014),
    WSAEINVAL(10022),
    WSAEMFILE(10024),
    WSAEWOULDBLOCK(10035),
    WSAEINPROGRESS(10036),
    WSAEALREADY(10037),
    WSAENOTSOCK(10038),
    WSAEDESTADDRREQ(10039),
    WSAEMSGSIZE(10040),
    WSAEPROTOTYPE(10041),
    WSAENOPROTOOPT(10042),
    WSAEPROTONOSUPPORT(10043),
    WSAESOCKTNOSUPPORT(10044),
    WSAEOPNOTSUPP(10045),
    WSAEPFNOSUPPORT(10046),
    WSAEAFNOSUPPORT(10047),
    WSAEADDRINUSE(10048),
    WSAEADDRNOTAVAIL(10049),
    WSAENETDOWN(10050),
    WSAENETUNREACH(10051),
    WSAENETRESET(10052),
    WSAECONNABORTED(10053),
    WSAECONNRESET(10054),
    WSAENOBUFS(10055),
    WSAEISCONN(10056),
    WSAENOTCONN(10057),
    WSAESHUTDOWN(10058),
    WSAETOOMANYREFS(10059),
    WSAETIMEDOUT(10060),
    WSAECONNREFUSED(10061),
    WSAELOOP(10062),
    WSAENAMETOOLONG(10063),
    WSAEHOSTDOWN(10064),
    WSAEHOSTUNREACH(10065),
    WSASYSNOTREADY(10091),
    WSAVERNOTSUPPORTED(10092),
    WSANOTINITIALISED(10093),
    WSAEDISCON(10101),
    WSATRY_AGAIN(11002),
    WSA_INVALID_HANDLE(6),
    WSA_NOT_ENOUGH_MEMORY(8),
    WSA_INVALID_PARAMETER(87),
    WSA_OPERATION_ABORTED(995),
    WSA_IO_INCOMPLETE(996),
    WSA_IO_PENDING(997);

    private static final Map<Integer, WsaError> BY_CODE = new HashMap<>();

    static {
        for (WsaError e : values()) {
            BY_CODE.putIfAbsent(e.code, e);
        }
    }

    public final int code;

    WsaError(int code) {
        this.code = code;
    }

    /** The error with this number, or null when the number is not a Winsock error. */
    public static WsaError of(int code) {
        return BY_CODE.get(code);
    }

    /**
     * The name of an error number: a WSA name from 10000 up, else the Win32 name (the WSA_ aliases
     * below 10000 share their numbers with Win32 errors), else the number itself.
     */
    public static String nameOf(int code) {
        Win32Error w = code < 10000 ? Win32Error.of(code) : null;
        if (w != null) {
            return w.name();
        }
        WsaError e = of(code);
        return e != null ? e.name() : Integer.toString(code);
    }
}
