package org.winsim.scenarios.script;

import java.util.function.LongFunction;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/**
 * How a verb's return value says whether it failed, and how a result is written: the Win32 return
 * conventions (SOCKET_ERROR with a WSA error, BOOL with GetLastError, a handle or NULL, WAIT_* codes).
 */
public enum Convention {
    /** ws2_32: a count or 0, or SOCKET_ERROR with WSAGetLastError. */
    SOCKET_ERROR("a number, or SOCKET_ERROR and the WSA error"),
    /** ws2_32: a socket handle, or INVALID_SOCKET with WSAGetLastError. */
    INVALID_SOCKET("a socket, or INVALID_SOCKET and the WSA error"),
    /** WSAStartup: 0, or the error number itself (no last error). */
    ERROR_RETURNED("0, or the error it returns"),
    /** kernel32: TRUE (any nonzero), or FALSE with GetLastError. */
    BOOL("TRUE, or FALSE and GetLastError"),
    /** kernel32: a handle, or NULL with GetLastError. */
    HANDLE("a handle, or NULL and GetLastError"),
    /** The wait functions: WAIT_OBJECT_0+i, WAIT_ABANDONED_0+i, WAIT_TIMEOUT, WAIT_IO_COMPLETION, or WAIT_FAILED and GetLastError. */
    WAIT("WAIT_OBJECT_0+i, WAIT_TIMEOUT, WAIT_IO_COMPLETION, or WAIT_FAILED and GetLastError"),
    /** SleepEx: 0, or WAIT_IO_COMPLETION after running APCs. */
    SLEEP("0, or WAIT_IO_COMPLETION"),
    /** GetLastError: an error code, written by its name. */
    ERROR_CODE("an error name such as ERROR_INVALID_HANDLE"),
    /** WSAWaitForMultipleEvents: WSA_WAIT_EVENT_0+i, WSA_WAIT_TIMEOUT, WSA_WAIT_IO_COMPLETION, or WSA_WAIT_FAILED and the WSA error. */
    WSA_WAIT("WSA_WAIT_EVENT_0+i, WSA_WAIT_TIMEOUT, WSA_WAIT_IO_COMPLETION, or WSA_WAIT_FAILED and the WSA error"),
    /** GetMessage / PeekMessage: nonzero with a message (GetMessage: 0 for WM_QUIT; PeekMessage: 0 when none), or -1 and GetLastError. */
    MESSAGE("1 and the message (0: WM_QUIT for GetMessage, none for PeekMessage), or -1 and GetLastError"),
    /** A value that never means failure: DispatchMessage's LRESULT, a count. */
    NUMBER("a number"),
    /** A void function (GetAcceptExSockaddrs): nothing to return, so 0 is written before its outputs. */
    VOID("nothing (a void function): 0, then the outputs"),
    /** A recording callback's record: how many calls, then a column per recorded argument. */
    CALLS("the number of calls, then a {list} per recorded argument"),
    /** The result of the call a line completes (a spawned call's, say): that call's own convention. */
    DEFERRED("the completed call's result, or PENDING"),
    /** A statement with no result ({@code wait}). */
    NONE("no result");

    /** What a result of this convention looks like, for {@code --verbs}. */
    public final String summary;

    Convention(String summary) {
        this.summary = summary;
    }

    /** Whether the return value says the call failed (so an error goes with it). */
    public boolean failed(long ret) {
        return switch (this) {
            case SOCKET_ERROR -> ret == Winsock.SOCKET_ERROR;
            case INVALID_SOCKET -> ret == Winsock.INVALID_SOCKET;
            case ERROR_RETURNED -> ret != 0;
            case BOOL, HANDLE -> ret == 0;
            case WAIT, WSA_WAIT -> ret == WinBase.WAIT_FAILED;
            case MESSAGE -> ret == -1;
            case SLEEP, ERROR_CODE, NUMBER, VOID, CALLS, DEFERRED, NONE -> false;
        };
    }

    /** Whether a value the script expects equals the value returned: a BOOL's TRUE is any nonzero value. */
    public boolean valueMatches(long expected, long ret) {
        return this == BOOL && expected == WinBase.TRUE ? ret != 0 : expected == ret;
    }

    /** A return value as a script writes it; {@code handleName} names a handle. */
    public String render(long ret, int error, LongFunction<String> handleName) {
        String err = failed(ret) && this != ERROR_RETURNED ? " " + WsaError.nameOf(error) : "";
        return switch (this) {
            case SOCKET_ERROR -> failed(ret) ? "SOCKET_ERROR" + err : Long.toString(ret);
            case INVALID_SOCKET -> failed(ret) ? "INVALID_SOCKET" + err : handleName.apply(ret);
            case ERROR_RETURNED -> failed(ret) ? ret + " " + WsaError.nameOf((int) ret) : "0";
            case BOOL -> failed(ret) ? "FALSE" + err : "TRUE";
            case HANDLE -> failed(ret) ? "NULL" + err : handleName.apply(ret);
            case WAIT -> waitCode((int) ret, false) + err;
            case WSA_WAIT -> waitCode((int) ret, true) + err;
            case MESSAGE, NUMBER, VOID -> Long.toString(ret);
            case SLEEP -> ret == WinBase.WAIT_IO_COMPLETION ? "WAIT_IO_COMPLETION" : Long.toString(ret);
            case ERROR_CODE -> WsaError.nameOf((int) ret);
            case CALLS -> Long.toString(ret);
            case DEFERRED, NONE -> "";
        };
    }

    /** A wait's result by name: kernel32's (WAIT_OBJECT_0+i, …) or, with {@code wsa}, ws2_32's (WSA_WAIT_EVENT_0+i, …), the same values. */
    private static String waitCode(int ret, boolean wsa) {
        String p = wsa ? "WSA_WAIT_" : "WAIT_";
        if (ret == WinBase.WAIT_FAILED) {
            return p + "FAILED";
        } else if (ret == WinBase.WAIT_TIMEOUT) {
            return p + "TIMEOUT";
        } else if (ret == WinBase.WAIT_IO_COMPLETION) {
            return p + "IO_COMPLETION";
        } else if (ret >= WinBase.WAIT_OBJECT_0 && ret < WinBase.WAIT_OBJECT_0 + WinBase.MAXIMUM_WAIT_OBJECTS) {
            String first = wsa ? "WSA_WAIT_EVENT_0" : "WAIT_OBJECT_0";
            return ret == WinBase.WAIT_OBJECT_0 ? first : first + "+" + (ret - WinBase.WAIT_OBJECT_0);
        } else if (ret >= WinBase.WAIT_ABANDONED_0 && ret < WinBase.WAIT_ABANDONED_0 + WinBase.MAXIMUM_WAIT_OBJECTS) {
            return ret == WinBase.WAIT_ABANDONED_0 ? "WAIT_ABANDONED_0" : "WAIT_ABANDONED_0+" + (ret - WinBase.WAIT_ABANDONED_0);
        }
        return Integer.toString(ret);
    }

}
