package org.winsim.winsock.api;

/**
 * The kernel32.dll functions winsim programs call (threads, events, waits, APCs, critical sections),
 * with their Win32 names and conventions: failures return {@code FALSE}, {@code NULL} or
 * {@code WAIT_FAILED} and set the calling thread's last error to a Win32 {@code ERROR_*} code.
 */
public interface Kernel32Functions {


    /** {@code CreateThread}: a thread handle, or NULL (0) with the last error set. */
    long CreateThread(Object lpThreadAttributes, long dwStackSize, ThreadProc lpStartAddress, Object lpParameter,
                      int dwCreationFlags, int[] lpThreadId);

    /** {@code GetExitCodeThread}. */
    int GetExitCodeThread(long hThread, int[] lpExitCode);

    /** {@code CloseHandle}. */
    int CloseHandle(long hObject);

    /** {@code CreateEventA}: a manual- or auto-reset event. */
    long CreateEvent(Object lpEventAttributes, boolean bManualReset, boolean bInitialState, String lpName);

    /** {@code SetEvent}. */
    int SetEvent(long hEvent);

    /** {@code ResetEvent}. */
    int ResetEvent(long hEvent);

    /** {@code WaitForSingleObject}: WAIT_OBJECT_0, WAIT_TIMEOUT or WAIT_FAILED. */
    default int WaitForSingleObject(long hHandle, int dwMilliseconds) {
        return WaitForSingleObjectEx(hHandle, dwMilliseconds, false);
    }

    /**
     * {@code WaitForSingleObjectEx}: as WaitForSingleObject; an alertable wait the object does not satisfy at once
     * runs queued APCs and returns WAIT_IO_COMPLETION.
     */
    int WaitForSingleObjectEx(long hHandle, int dwMilliseconds, boolean bAlertable);

    /** {@code WaitForMultipleObjects}: WAIT_OBJECT_0 + index, WAIT_TIMEOUT or WAIT_FAILED. */
    default int WaitForMultipleObjects(int nCount, long[] lpHandles, boolean bWaitAll, int dwMilliseconds) {
        return WaitForMultipleObjectsEx(nCount, lpHandles, bWaitAll, dwMilliseconds, false);
    }

    /**
     * {@code WaitForMultipleObjectsEx}: WAIT_OBJECT_0 + the lowest satisfied index (0 for a satisfied
     * wait-all), WAIT_TIMEOUT, WAIT_IO_COMPLETION (alertable, after running the queued APCs) or WAIT_FAILED.
     */
    int WaitForMultipleObjectsEx(int nCount, long[] lpHandles, boolean bWaitAll, int dwMilliseconds, boolean bAlertable);

    /** {@code Sleep}. */
    default void Sleep(int dwMilliseconds) {
        SleepEx(dwMilliseconds, false);
    }

    /** {@code SleepEx}: 0, or WAIT_IO_COMPLETION when an alertable sleep ran queued APCs. */
    int SleepEx(int dwMilliseconds, boolean bAlertable);

    /** {@code QueueUserAPC}: queues {@code pfnAPC(dwData)} to the thread; nonzero on success. */
    int QueueUserAPC(PAPCFUNC pfnAPC, long hThread, long dwData);

    /** {@code GetCurrentThread}: the pseudo-handle (-2) that stands for the calling thread. */
    default long GetCurrentThread() {
        return WinBase.CURRENT_THREAD;
    }

    /** {@code InitializeCriticalSection}. */
    void InitializeCriticalSection(CRITICAL_SECTION cs);

    /** {@code EnterCriticalSection}. */
    void EnterCriticalSection(CRITICAL_SECTION cs);

    /** {@code LeaveCriticalSection}. */
    void LeaveCriticalSection(CRITICAL_SECTION cs);

    /** {@code DeleteCriticalSection}. */
    void DeleteCriticalSection(CRITICAL_SECTION cs);

    /** {@code GetSystemInfo}. */
    void GetSystemInfo(SYSTEM_INFO lpSystemInfo);

    /** {@code GetLastError}: the same per-thread slot as {@code WSAGetLastError}. */
    int GetLastError();

    /** {@code SetLastError}. */
    void SetLastError(int dwErrCode);

    /** {@code GetCurrentThreadId}. */
    int GetCurrentThreadId();

    /** {@code GetTickCount}: milliseconds since the start (virtual time in the simulator). */
    int GetTickCount();

    // ---- issue 16: thread names ----

    /**
     * {@code SetThreadDescription}: names a thread (debuggers show the name; winsim's trace and report do
     * too, as {@code process:name}). Returns an HRESULT: {@link WinBase#HRESULT_NT_SUCCESS} (a success, not S_OK), or
     * {@link WinBase#HRESULT_NT_INVALID_HANDLE} for a handle that is not a thread; it does not set the last error.
     */
    int SetThreadDescription(long hThread, String lpThreadDescription);
    // ---- completion ports (issue 13) ----

    /**
     * {@code CreateIoCompletionPort}: with {@code FileHandle} INVALID_HANDLE_VALUE and no existing port, a new
     * port whose {@code NumberOfConcurrentThreads} (0: the number of processors) caps its running threads;
     * with a socket, associates it for good with {@code ExistingCompletionPort} (or a new port) and
     * {@code CompletionKey}, returning that port's handle. NULL with the last error set on failure
     * (ERROR_INVALID_PARAMETER for a handle that is already associated).
     */
    long CreateIoCompletionPort(long FileHandle, long ExistingCompletionPort, long CompletionKey, int NumberOfConcurrentThreads);

    /**
     * {@code GetQueuedCompletionStatus}: dequeues one packet, waiting up to {@code dwMilliseconds}. TRUE with
     * the packet's bytes, key and OVERLAPPED; FALSE with a non-NULL {@code lpOverlapped[0]} for a failed I/O
     * (the last error is its Win32 code); FALSE with {@code lpOverlapped[0]} NULL for a timeout (WAIT_TIMEOUT,
     * bytes and key untouched) or a port closed during the wait (ERROR_ABANDONED_WAIT_0).
     */
    int GetQueuedCompletionStatus(long CompletionPort, int[] lpNumberOfBytesTransferred, long[] lpCompletionKey,
                                  WSAOVERLAPPED[] lpOverlapped, int dwMilliseconds);

    /**
     * {@code GetQueuedCompletionStatusEx}: dequeues up to {@code ulCount} packets at once into
     * {@code lpCompletionPortEntries}, their number in {@code ulNumEntriesRemoved[0]}; FALSE with WAIT_TIMEOUT,
     * or, for an alertable call that ran queued APCs, WAIT_IO_COMPLETION.
     */
    int GetQueuedCompletionStatusEx(long CompletionPort, OVERLAPPED_ENTRY[] lpCompletionPortEntries, int ulCount,
                                    int[] ulNumEntriesRemoved, int dwMilliseconds, boolean fAlertable);

    /** {@code PostQueuedCompletionStatus}: queues a packet whose three values GetQueuedCompletionStatus returns unchanged. */
    int PostQueuedCompletionStatus(long CompletionPort, int dwNumberOfBytesTransferred, long dwCompletionKey,
                                   WSAOVERLAPPED lpOverlapped);

    /**
     * {@code SetFileCompletionNotificationModes}: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS (an operation that
     * succeeds at once queues no packet) and FILE_SKIP_SET_EVENT_ON_HANDLE (completion does not set the handle).
     */
    int SetFileCompletionNotificationModes(long FileHandle, int Flags);

    /**
     * Not a Win32 function: stands for the program's own computation ({@code DoComputationOnData} in
     * the lecture), which takes this much CPU time.
     */
    void compute(long nanos);

    // ---- kernel32: overlapped results and cancellation (issue 12) ----

    /**
     * {@code GetOverlappedResult} of an operation on a socket (an OVERLAPPED is a WSAOVERLAPPED): TRUE
     * with the byte count, or FALSE with ERROR_IO_INCOMPLETE or the Win32 error the status maps to.
     */
    int GetOverlappedResult(long hFile, WSAOVERLAPPED lpOverlapped, int[] lpNumberOfBytesTransferred, boolean bWait);

    /** {@code CancelIo}: cancels the calling thread's pending operations on the handle; TRUE even when there are none. */
    int CancelIo(long hFile);

    /** {@code CancelIoEx}: cancels the handle's operations (all, or the one of {@code lpOverlapped}); ERROR_NOT_FOUND when none matches. */
    int CancelIoEx(long hFile, WSAOVERLAPPED lpOverlapped);

    // ---- duplicated handles and deferred accept ----

    /** {@code GetCurrentProcess}: the pseudo-handle (-1) that stands for the calling process. */
    default long GetCurrentProcess() {
        return WinBase.CURRENT_PROCESS;
    }

    /** {@code GetCurrentProcessId}: the calling process's id (what WSADuplicateSocket takes). */
    int GetCurrentProcessId();

    /**
     * {@code DuplicateHandle} within the calling process (both process handles GetCurrentProcess()): a new
     * handle to the object {@code hSourceHandle} names (GetCurrentThread() gives a real handle to the calling
     * thread), in {@code lpTargetHandle[0]} when given; the object lives until its last handle is closed.
     * A copy of a socket handle names the socket, but ws2_32 never registered it: Winsock calls refuse it
     * (WSAENOTSOCK), and CloseHandle closes it without closing the socket. DUPLICATE_CLOSE_SOURCE closes
     * the source handle; access masks and inheritance are not modelled. FALSE with ERROR_INVALID_HANDLE for a
     * handle that is not open.
     */
    int DuplicateHandle(long hSourceProcessHandle, long hSourceHandle, long hTargetProcessHandle, long[] lpTargetHandle,
                        int dwDesiredAccess, boolean bInheritHandle, int dwOptions);
}
