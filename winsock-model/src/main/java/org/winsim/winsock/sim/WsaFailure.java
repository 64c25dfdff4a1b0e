package org.winsim.winsock.sim;

import java.util.EnumMap;
import java.util.Map;
import org.winsim.winsock.api.WsaError;

/**
 * A call of the simulated kernel failed with a Winsock error. Thrown inside the model and turned into
 * {@code SOCKET_ERROR} plus the thread's last error at one place, the API boundary. Carries no stack trace.
 */
final class WsaFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Map<WsaError, WsaFailure> CACHE = new EnumMap<>(WsaError.class);

    final transient WsaError error;

    private WsaFailure(WsaError error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    static WsaFailure of(WsaError error) {
        return CACHE.computeIfAbsent(error, WsaFailure::new);
    }
}
