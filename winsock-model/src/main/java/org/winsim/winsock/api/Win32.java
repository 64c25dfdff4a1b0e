package org.winsim.winsock.api;

/**
 * The Win32 and Winsock functions that winsim programs call, with their Win32 names, arguments and
 * return conventions: sockets are {@code long} handles, failures return {@code SOCKET_ERROR},
 * {@code INVALID_SOCKET}, {@code FALSE} or {@code NULL} and set the calling thread's last error.
 * Pointers are Java references ({@code null} for NULL) and {@code int[1]} arrays for in/out lengths.
 *
 * <p>Implemented by the simulator and by the real-OS backend, so one program runs on both.
 */
public interface Win32 {

    // ---- ws2_32: start-up and errors ----

    /** {@code WSAStartup}: returns 0, or an error code (it does not set the last error). */
    int WSAStartup(int wVersionRequested, WSADATA lpWSAData);

    /** {@code WSACleanup}. */
    int WSACleanup();

    /** {@code WSAGetLastError}: the calling thread's last error. */
    int WSAGetLastError();

    /** {@code WSASetLastError}. */
    void WSASetLastError(int iError);

    // ---- ws2_32: sockets ----

    /** {@code socket}: a new socket, or INVALID_SOCKET. */
    long socket(int af, int type, int protocol);

    /** {@code bind}. */
    int bind(long s, sockaddr_in name, int namelen);

    /** {@code listen}. */
    int listen(long s, int backlog);

    /** {@code accept}: the connected socket, or INVALID_SOCKET; fills {@code addr} and {@code addrlen[0]} if given. */
    long accept(long s, sockaddr_in addr, int[] addrlen);

    /** {@code connect}. */
    int connect(long s, sockaddr_in name, int namelen);

    /** {@code send} of {@code len} bytes starting at {@code buf[off]}. */
    int send(long s, byte[] buf, int off, int len, int flags);

    /** {@code send} of {@code buf[0..len)}. */
    default int send(long s, byte[] buf, int len, int flags) {
        return send(s, buf, 0, len, flags);
    }

    /** {@code recv} into {@code buf[off..off+len)}. */
    int recv(long s, byte[] buf, int off, int len, int flags);

    /** {@code recv} into {@code buf[0..len)}. */
    default int recv(long s, byte[] buf, int len, int flags) {
        return recv(s, buf, 0, len, flags);
    }

    /** {@code shutdown}. */
    int shutdown(long s, int how);

    /** {@code closesocket}. */
    int closesocket(long s);

    /** {@code ioctlsocket}: FIONBIO reads {@code argp[0]}; FIONREAD and SIOCATMARK write it. */
    int ioctlsocket(long s, int cmd, int[] argp);

    /** {@code setsockopt} with the option's bytes as the C structure lays them out (little-endian). */
    int setsockopt(long s, int level, int optname, byte[] optval, int optlen);

    /** {@code getsockopt}: writes the option's bytes and their count to {@code optval} and {@code optlen[0]}. */
    int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);

    /** {@code setsockopt} of a 4-byte integer option (BOOL, int, DWORD). */
    default int setsockopt(long s, int level, int optname, int value) {
        return setsockopt(s, level, optname, Structs.int32(value), 4);
    }

    /** {@code setsockopt(SO_LINGER)}. */
    default int setsockopt(long s, int level, int optname, linger value) {
        return setsockopt(s, level, optname, Structs.linger(value), 4);
    }

    /** {@code getsockname}. */
    int getsockname(long s, sockaddr_in name, int[] namelen);

    /** {@code getpeername}. */
    int getpeername(long s, sockaddr_in name, int[] namelen);

    /** {@code select}: {@code nfds} is ignored, as on Windows; a null timeout waits forever. */
    int select(int nfds, fd_set readfds, fd_set writefds, fd_set exceptfds, timeval timeout);

    // ---- kernel32 ----

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

    /** {@code WaitForSingleObject}: WAIT_OBJECT_0, WAIT_TIMEOUT or WAIT_FAILED; a wait for one object of one. */
    default int WaitForSingleObject(long hHandle, int dwMilliseconds) {
        return WaitForMultipleObjects(1, new long[] {hHandle}, false, dwMilliseconds);
    }

    /** {@code WaitForMultipleObjects}: WAIT_OBJECT_0 + index, WAIT_TIMEOUT or WAIT_FAILED. */
    int WaitForMultipleObjects(int nCount, long[] lpHandles, boolean bWaitAll, int dwMilliseconds);

    /** {@code Sleep}. */
    void Sleep(int dwMilliseconds);

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

    /**
     * Not a Win32 function: stands for the program's own computation ({@code DoComputationOnData} in
     * the lecture), which takes this much CPU time.
     */
    void compute(long nanos);
}
