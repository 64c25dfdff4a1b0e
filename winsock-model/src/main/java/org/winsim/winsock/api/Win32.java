package org.winsim.winsock.api;

/**
 * The Win32 and Winsock functions that winsim programs call, with their Win32 names, arguments and
 * return conventions: sockets are {@code long} handles, failures return {@code SOCKET_ERROR},
 * {@code INVALID_SOCKET}, {@code FALSE} or {@code NULL} and set the calling thread's last error.
 * Pointers are Java references ({@code null} for NULL) and {@code int[1]} arrays for in/out lengths.
 *
 * <p>Implemented by the simulator and by the real-OS backend, so one program runs on both.
 */
public interface Win32 extends Ws2_32Functions, Kernel32Functions, User32Functions {
}
