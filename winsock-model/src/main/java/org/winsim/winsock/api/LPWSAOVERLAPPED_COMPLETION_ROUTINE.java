package org.winsim.winsock.api;

/**
 * {@code LPWSAOVERLAPPED_COMPLETION_ROUTINE}: a completion routine, queued as a user APC to the thread
 * that issued the overlapped call and run in that thread's next alertable wait.
 */
@FunctionalInterface
public interface LPWSAOVERLAPPED_COMPLETION_ROUTINE {
    /** {@code dwError} is the WSA error the status maps to (0 on success); {@code dwFlags} the receive flags. */
    void run(int dwError, int cbTransferred, WSAOVERLAPPED lpOverlapped, int dwFlags);
}
