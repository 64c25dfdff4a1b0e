package org.winsim.winsock.api;

import java.util.HashMap;
import java.util.Map;

/**
 * NTSTATUS values an overlapped socket operation ends with, as {@code OVERLAPPED.Internal} holds them,
 * with their real numbers; and the one place that spells a status as an error: WSAGetOverlappedResult's
 * WSA code (and a completion routine's {@code dwError}), GetOverlappedResult's Win32 code (and a
 * completion packet's). The same reset is WSAECONNRESET in one and ERROR_NETNAME_DELETED in the other.
 */
public enum NTSTATUS {
    STATUS_SUCCESS(0x00000000, null, Win32Error.ERROR_SUCCESS),
    STATUS_PENDING(0x00000103, WsaError.WSA_IO_INCOMPLETE, Win32Error.ERROR_IO_INCOMPLETE),
    STATUS_BUFFER_OVERFLOW(0x80000005, WsaError.WSAEMSGSIZE, Win32Error.ERROR_MORE_DATA),
    STATUS_INVALID_PARAMETER(0xC000000D, WsaError.WSAEINVAL, Win32Error.ERROR_INVALID_PARAMETER),
    STATUS_BUFFER_TOO_SMALL(0xC0000023, WsaError.WSAEINVAL, Win32Error.ERROR_INSUFFICIENT_BUFFER),
    STATUS_PIPE_DISCONNECTED(0xC00000B0, WsaError.WSAESHUTDOWN, Win32Error.ERROR_PIPE_NOT_CONNECTED),
    STATUS_IO_TIMEOUT(0xC00000B5, WsaError.WSAETIMEDOUT, Win32Error.ERROR_SEM_TIMEOUT),
    STATUS_INSUFFICIENT_RESOURCES(0xC000009A, WsaError.WSAENOBUFS, Win32Error.ERROR_NO_SYSTEM_RESOURCES),
    STATUS_NOT_SUPPORTED(0xC00000BB, WsaError.WSAEINVAL, Win32Error.ERROR_NOT_SUPPORTED),
    STATUS_CANCELLED(0xC0000120, WsaError.WSA_OPERATION_ABORTED, Win32Error.ERROR_OPERATION_ABORTED),
    STATUS_LOCAL_DISCONNECT(0xC000013B, WsaError.WSAECONNABORTED, Win32Error.ERROR_NETNAME_DELETED),
    STATUS_REMOTE_DISCONNECT(0xC000013C, WsaError.WSAECONNRESET, Win32Error.ERROR_NETNAME_DELETED),
    STATUS_INVALID_CONNECTION(0xC0000140, WsaError.WSAENOTCONN, Win32Error.ERROR_CONNECTION_INVALID),
    STATUS_CONNECTION_RESET(0xC000020D, WsaError.WSAECONNRESET, Win32Error.ERROR_NETNAME_DELETED),
    STATUS_CONNECTION_REFUSED(0xC0000236, WsaError.WSAECONNREFUSED, Win32Error.ERROR_CONNECTION_REFUSED),
    STATUS_GRACEFUL_DISCONNECT(0xC0000237, WsaError.WSAEDISCON, Win32Error.ERROR_GRACEFUL_DISCONNECT),
    STATUS_CONNECTION_ABORTED(0xC0000241, WsaError.WSAECONNABORTED, Win32Error.ERROR_CONNECTION_ABORTED);

    private static final Map<Integer, NTSTATUS> BY_VALUE = new HashMap<>();

    static {
        for (NTSTATUS s : values()) {
            BY_VALUE.put(s.value, s);
        }
    }

    /** The 32-bit value, as {@code Internal} holds it. */
    public final int value;
    private final WsaError wsa;
    private final Win32Error win32;

    NTSTATUS(int value, WsaError wsa, Win32Error win32) {
        this.value = value;
        this.wsa = wsa;
        this.win32 = win32;
    }

    /** The status with this value, or null. */
    public static NTSTATUS of(long internal) {
        return BY_VALUE.get((int) internal);
    }

    /** {@code NT_SUCCESS}: severity success or informational (STATUS_BUFFER_OVERFLOW, a warning, is not). */
    public static boolean succeeded(long internal) {
        return (int) internal >= 0;
    }

    /**
     * WSAGetOverlappedResult's reading of a status (OVL-02): 0 for success, the table's WSA error for a
     * failure it knows, WSAEINVAL for any other failure.
     */
    public static int wsaError(long internal) {
        if (succeeded(internal) && (int) internal != STATUS_PENDING.value) {
            return 0;
        }
        NTSTATUS s = of(internal);
        return s != null ? s.wsa.code : WsaError.WSAEINVAL.code;
    }

    /** GetOverlappedResult's reading of a status ({@code RtlNtStatusToDosError}): the Win32 error, ERROR_GEN_FAILURE if unknown. */
    public static int win32Error(long internal) {
        if (succeeded(internal) && (int) internal != STATUS_PENDING.value) {
            return 0;
        }
        NTSTATUS s = of(internal);
        return s != null ? s.win32.code : Win32Error.ERROR_GEN_FAILURE.code;
    }

    /** The status a socket operation that failed with a Winsock error completes with, in {@code Internal}. */
    public static NTSTATUS forFailure(WsaError e) {
        return switch (e) {
            case WSAECONNRESET -> STATUS_CONNECTION_RESET;
            case WSAECONNABORTED -> STATUS_CONNECTION_ABORTED;
            case WSAECONNREFUSED -> STATUS_CONNECTION_REFUSED;
            case WSAETIMEDOUT -> STATUS_IO_TIMEOUT;
            case WSAENOTCONN -> STATUS_INVALID_CONNECTION;
            case WSAESHUTDOWN -> STATUS_PIPE_DISCONNECTED;
            case WSAEMSGSIZE -> STATUS_BUFFER_OVERFLOW;
            case WSA_OPERATION_ABORTED -> STATUS_CANCELLED;
            case WSAENOBUFS -> STATUS_INSUFFICIENT_RESOURCES;
            default -> STATUS_INVALID_PARAMETER;
        };
    }
}
