package org.winsim.winsock.api;

/** Constants of winbase.h and winnt.h that the lecture's threads use, with their real values. */
public final class WinBase {
    private WinBase() {
    }

    public static final long NULL = 0L;
    public static final long INVALID_HANDLE_VALUE = -1L;
    /** The pseudo-handle GetCurrentThread returns: (HANDLE)-2. */
    public static final long CURRENT_THREAD = -2L;
    public static final int INFINITE = 0xffffffff;
    public static final int WAIT_OBJECT_0 = 0;
    public static final int WAIT_ABANDONED_0 = 0x80;
    public static final int WAIT_IO_COMPLETION = 0xc0;
    public static final int WAIT_TIMEOUT = 258;
    public static final int WAIT_FAILED = 0xffffffff;
    public static final int MAXIMUM_WAIT_OBJECTS = 64;
    public static final int STILL_ACTIVE = 259;
    public static final int TRUE = 1;
    public static final int FALSE = 0;

    // ---- issue 16: thread names (SetThreadDescription returns an HRESULT) ----

    /**
     * {@code HRESULT_FROM_NT(STATUS_SUCCESS)}: what SetThreadDescription returns when it succeeds (it passes
     * NtSetInformationThread's status through HRESULT_FROM_NT, which sets the NT facility bit even on success).
     */
    public static final int HRESULT_NT_SUCCESS = 0x10000000;
    /** {@code HRESULT_FROM_NT(STATUS_INVALID_HANDLE)}: what SetThreadDescription returns for a bad handle. */
    public static final int HRESULT_NT_INVALID_HANDLE = 0xD0000008;

    /** SetFileCompletionNotificationModes: an operation that succeeds at once queues no completion packet. */
    public static final int FILE_SKIP_COMPLETION_PORT_ON_SUCCESS = 0x1;
    /** SetFileCompletionNotificationModes: completing an operation does not signal the handle itself. */
    public static final int FILE_SKIP_SET_EVENT_ON_HANDLE = 0x2;

    // ---- duplicated handles and deferred accept ----

    /** The pseudo-handle GetCurrentProcess returns: (HANDLE)-1 (the same value as INVALID_HANDLE_VALUE). */
    public static final long CURRENT_PROCESS = -1L;
    /** DuplicateHandle: close the source handle (whatever the outcome). */
    public static final int DUPLICATE_CLOSE_SOURCE = 0x1;
    /** DuplicateHandle: the new handle has the source's access (dwDesiredAccess is ignored). */
    public static final int DUPLICATE_SAME_ACCESS = 0x2;
}
