package org.winsim.winsock.sim;

import java.util.EnumMap;
import java.util.Map;
import org.winsim.winsock.api.Win32Error;

/**
 * A kernel32 call of the simulated kernel failed with a Win32 error ({@code ERROR_*}). Thrown inside
 * the model and turned into the function's failure value plus the thread's last error at the API
 * boundary. Carries no stack trace.
 */
final class Win32Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Map<Win32Error, Win32Failure> CACHE = new EnumMap<>(Win32Error.class);

    final transient Win32Error error;

    private Win32Failure(Win32Error error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    static Win32Failure of(Win32Error error) {
        return CACHE.computeIfAbsent(error, Win32Failure::new);
    }
}
