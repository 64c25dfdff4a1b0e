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
    STATUS_SUCCESS(0x00000000, Win32Error.ERROR_SUCCESS),
    STATUS_PENDING(0x00000103, Win32Error.ERROR_IO_INCOMPLETE),
    STATUS_BUFFER_OVERFLOW(0x80000005, Win32Error.ERROR_MORE_DATA),
    STATUS_INVALID_PARAMETER(0xC000000D, Win32Error.ERROR_INVALID_PARAMETER),
    STATUS_BUFFER_TOO_SMALL(0xC0000023, Win32Error.ERROR_INSUFFICIENT_BUFFER),
    STATUS_PIPE_DISCONNECTED(0xC00000B0, Win32Error.ERROR_PIPE_NOT_CONNECTED),
    STATUS_IO_TIMEOUT(0xC00000B5, Win32Error.ERROR_SEM_TIMEOUT),
    STATUS_INSUFFICIENT_RESOURCES(0xC000009A, Win32Error.ERROR_NO_SYSTEM_RESOURCES),
    STATUS_NOT_SUPPORTED(0xC00000BB, Win32Error.ERROR_NOT_SUPPORTED),
    STATUS_CANCELLED(0xC0000120, Win32Error.ERROR_OPERATION_ABORTED),
    STATUS_LOCAL_DISCONNECT(0xC000013B, Win32Error.ERROR_NETNAME_DELETED),
    STATUS_REMOTE_DISCONNECT(0xC000013C, Win32Error.ERROR_NETNAME_DELETED),
    STATUS_INVALID_CONNECTION(0xC0000140, Win32Error.ERROR_CONNECTION_INVALID),
    STATUS_CONNECTION_RESET(0xC000020D, Win32Error.ERROR_NETNAME_DELETED),
    STATUS_CONNECTION_REFUSED(0xC0000236, Win32Error.ERROR_CONNECTION_REFUSED),
    STATUS_GRACEFUL_DISCONNECT(0xC0000237, Win32Error.ERROR_GRACEFUL_DISCONNECT),
    STATUS_CONNECTION_ABORTED(0xC0000241, Win32Error.ERROR_CONNECTION_ABORTED);

    private static final Map<Integer, NTSTATUS> BY_VALUE = new HashMap<>();
    /**
     * WSAGetOverlappedResult's table (OVL-02): the WSA error of each failure status Windows maps, as the
     * {@code map_status} table of Wine's conformance test (sock.c, {@code test_WSAGetOverlappedResult},
     * checked on Windows over whole ranges of statuses) lists them. Any other failure is WSAEINVAL.
     */
    private static final Map<Integer, WsaError> WSA_ERRORS = new HashMap<>();

    static {
        for (NTSTATUS s : values()) {
            BY_VALUE.put(s.value, s);
        }
        int[][] table = {
            {0x00000103, 996},   // STATUS_PENDING: WSA_IO_INCOMPLETE
            {0x80000005, 10040}, // STATUS_BUFFER_OVERFLOW: WSAEMSGSIZE
            {0xC0000002, 10045}, // STATUS_NOT_IMPLEMENTED: WSAEOPNOTSUPP
            {0xC0000005, 10014}, // STATUS_ACCESS_VIOLATION: WSAEFAULT
            {0xC0000007, 10055}, // STATUS_PAGEFILE_QUOTA: WSAENOBUFS
            {0xC0000008, 10038}, // STATUS_INVALID_HANDLE: WSAENOTSOCK
            {0xC000000E, 10050}, // STATUS_NO_SUCH_DEVICE: WSAENETDOWN
            {0xC000000F, 10050}, // STATUS_NO_SUCH_FILE: WSAENETDOWN
            {0xC0000017, 10055}, // STATUS_NO_MEMORY: WSAENOBUFS
            {0xC0000018, 10055}, // STATUS_CONFLICTING_ADDRESSES: WSAENOBUFS
            {0xC0000022, 10013}, // STATUS_ACCESS_DENIED: WSAEACCES
            {0xC0000023, 10014}, // STATUS_BUFFER_TOO_SMALL: WSAEFAULT
            {0xC0000024, 10038}, // STATUS_OBJECT_TYPE_MISMATCH: WSAENOTSOCK
            {0xC0000034, 10050}, // STATUS_OBJECT_NAME_NOT_FOUND: WSAENETDOWN
            {0xC000003A, 10050}, // STATUS_OBJECT_PATH_NOT_FOUND: WSAENETDOWN
            {0xC0000043, 10048}, // STATUS_SHARING_VIOLATION: WSAEADDRINUSE
            {0xC0000044, 10055}, // STATUS_QUOTA_EXCEEDED: WSAENOBUFS
            {0xC0000097, 10055}, // STATUS_TOO_MANY_PAGING_FILES: WSAENOBUFS
            {0xC000009A, 10055}, // STATUS_INSUFFICIENT_RESOURCES: WSAENOBUFS
            {0xC00000A1, 10055}, // STATUS_WORKING_SET_QUOTA: WSAENOBUFS
            {0xC00000A3, 10035}, // STATUS_DEVICE_NOT_READY: WSAEWOULDBLOCK
            {0xC00000B0, 10058}, // STATUS_PIPE_DISCONNECTED: WSAESHUTDOWN
            {0xC00000B5, 10060}, // STATUS_IO_TIMEOUT: WSAETIMEDOUT
            {0xC00000BB, 10045}, // STATUS_NOT_SUPPORTED: WSAEOPNOTSUPP
            {0xC00000BC, 10061}, // STATUS_REMOTE_NOT_LISTENING: WSAECONNREFUSED
            {0xC00000BE, 10051}, // STATUS_BAD_NETWORK_PATH: WSAENETUNREACH
            {0xC00000BF, 10050}, // STATUS_NETWORK_BUSY: WSAENETDOWN
            {0xC00000C3, 10050}, // STATUS_INVALID_NETWORK_RESPONSE: WSAENETDOWN
            {0xC00000C4, 10050}, // STATUS_UNEXPECTED_NETWORK_ERROR: WSAENETDOWN
            {0xC00000D0, 10035}, // STATUS_REQUEST_NOT_ACCEPTED: WSAEWOULDBLOCK
            {0xC0000120, 995},   // STATUS_CANCELLED: WSA_OPERATION_ABORTED
            {0xC000012D, 10055}, // STATUS_COMMITMENT_LIMIT: WSAENOBUFS
            {0xC000013B, 10053}, // STATUS_LOCAL_DISCONNECT: WSAECONNABORTED
            {0xC000013C, 10054}, // STATUS_REMOTE_DISCONNECT: WSAECONNRESET
            {0xC000013D, 10055}, // STATUS_REMOTE_RESOURCES: WSAENOBUFS
            {0xC000013E, 10054}, // STATUS_LINK_FAILED: WSAECONNRESET
            {0xC000013F, 10060}, // STATUS_LINK_TIMEOUT: WSAETIMEDOUT
            {0xC0000140, 10057}, // STATUS_INVALID_CONNECTION: WSAENOTCONN
            {0xC0000141, 10049}, // STATUS_INVALID_ADDRESS: WSAEADDRNOTAVAIL
            {0xC0000206, 10040}, // STATUS_INVALID_BUFFER_SIZE: WSAEMSGSIZE
            {0xC0000207, 10049}, // STATUS_INVALID_ADDRESS_COMPONENT: WSAEADDRNOTAVAIL
            {0xC0000209, 10055}, // STATUS_TOO_MANY_ADDRESSES: WSAENOBUFS
            {0xC000020A, 10048}, // STATUS_ADDRESS_ALREADY_EXISTS: WSAEADDRINUSE
            {0xC000020C, 10054}, // STATUS_CONNECTION_DISCONNECTED: WSAECONNRESET
            {0xC000020D, 10054}, // STATUS_CONNECTION_RESET: WSAECONNRESET
            {0xC000020F, 10053}, // STATUS_TRANSACTION_ABORTED: WSAECONNABORTED
            {0xC0000236, 10061}, // STATUS_CONNECTION_REFUSED: WSAECONNREFUSED
            {0xC0000237, 10101}, // STATUS_GRACEFUL_DISCONNECT: WSAEDISCON
            {0xC000023B, 10056}, // STATUS_CONNECTION_ACTIVE: WSAEISCONN
            {0xC000023C, 10051}, // STATUS_NETWORK_UNREACHABLE: WSAENETUNREACH
            {0xC000023D, 10065}, // STATUS_HOST_UNREACHABLE: WSAEHOSTUNREACH
            {0xC000023E, 10051}, // STATUS_PROTOCOL_UNREACHABLE: WSAENETUNREACH
            {0xC000023F, 10054}, // STATUS_PORT_UNREACHABLE: WSAECONNRESET
            {0xC0000240, 10004}, // STATUS_REQUEST_ABORTED: WSAEINTR
            {0xC0000241, 10053}, // STATUS_CONNECTION_ABORTED: WSAECONNABORTED
            {0xC00002C5, 10014}, // STATUS_DATATYPE_MISALIGNMENT_ERROR: WSAEFAULT
            {0xC0000350, 10064}, // STATUS_HOST_DOWN: WSAEHOSTDOWN
            {0x800703E4, 996},   // ERROR_IO_INCOMPLETE as an HRESULT-style status, three severities
            {0xC00103E4, 996},
            {0xC00703E4, 996},
        };
        for (int[] row : table) {
            WSA_ERRORS.put(row[0], WsaError.of(row[1]));
        }
    }

    /** The 32-bit value, as {@code Internal} holds it. */
    public final int value;
    private final Win32Error win32;

    NTSTATUS(int value, Win32Error win32) {
        this.value = value;
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

    /** {@code NT_WARNING}: severity warning (STATUS_BUFFER_OVERFLOW), which still completes a request and writes its status block. */
    public static boolean isWarning(long internal) {
        return (internal & 0xC0000000L) == 0x80000000L;
    }

    /**
     * WSAGetOverlappedResult's reading of a status (OVL-02): 0 for success, the table's WSA error for a
     * failure it knows (STATUS_PENDING: WSA_IO_INCOMPLETE), WSAEINVAL for any other failure.
     */
    public static int wsaError(long internal) {
        if (succeeded(internal) && (int) internal != STATUS_PENDING.value) {
            return 0;
        }
        WsaError e = WSA_ERRORS.get((int) internal);
        return e != null ? e.code : WsaError.WSAEINVAL.code;
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
            case WSAEOPNOTSUPP -> STATUS_NOT_SUPPORTED;
            default -> STATUS_INVALID_PARAMETER;
        };
    }
}
