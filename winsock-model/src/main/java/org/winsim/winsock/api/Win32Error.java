package org.winsim.winsock.api;

import java.util.HashMap;
import java.util.Map;

/** Win32 error codes (as {@code GetLastError} returns them and completion packets carry), with their real numbers. */
public enum Win32Error {
    ERROR_SUCCESS(0),
    ERROR_INVALID_FUNCTION(1),
    ERROR_INVALID_HANDLE(6),
    ERROR_NOT_ENOUGH_MEMORY(8),
    ERROR_GEN_FAILURE(31),
    ERROR_NOT_SUPPORTED(50),
    ERROR_NETNAME_DELETED(64),
    ERROR_INVALID_PARAMETER(87),
    ERROR_SEM_TIMEOUT(121),
    ERROR_INSUFFICIENT_BUFFER(122),
    /** An alertable wait returned because it ran queued APCs (GetQueuedCompletionStatusEx's last error). */
    WAIT_IO_COMPLETION(192),
    ERROR_PIPE_NOT_CONNECTED(233),
    ERROR_MORE_DATA(234),
    /** A wait timed out (GetQueuedCompletionStatus's last error). */
    WAIT_TIMEOUT(258),
    ERROR_NOT_OWNER(288),
    ERROR_ABANDONED_WAIT_0(735),
    ERROR_OPERATION_ABORTED(995),
    ERROR_IO_INCOMPLETE(996),
    ERROR_IO_PENDING(997),
    ERROR_NOT_FOUND(1168),
    ERROR_CONNECTION_REFUSED(1225),
    ERROR_GRACEFUL_DISCONNECT(1226),
    ERROR_CONNECTION_INVALID(1229),
    ERROR_CONNECTION_ABORTED(1236),
    ERROR_INVALID_WINDOW_HANDLE(1400),
    ERROR_NO_SYSTEM_RESOURCES(1450),
    ERROR_CANNOT_FIND_WND_CLASS(1407),
    ERROR_CLASS_ALREADY_EXISTS(1410),
    ERROR_NOT_ENOUGH_QUOTA(1816);

    private static final Map<Integer, Win32Error> BY_CODE = new HashMap<>();

    static {
        for (Win32Error e : values()) {
            BY_CODE.put(e.code, e);
        }
    }

    public final int code;

    Win32Error(int code) {
        this.code = code;
    }

    /** The error with this number, or null. */
    public static Win32Error of(int code) {
        return BY_CODE.get(code);
    }
}
