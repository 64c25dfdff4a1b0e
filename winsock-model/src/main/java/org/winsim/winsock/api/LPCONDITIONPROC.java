package org.winsim.winsock.api;

/**
 * {@code LPCONDITIONPROC}: WSAAccept's condition function, called in the accepting thread with the first
 * queued connection's addresses; it returns CF_ACCEPT, CF_REJECT or CF_DEFER.
 */
@FunctionalInterface
public interface LPCONDITIONPROC {
    /**
     * {@code lpCallerId} and {@code lpCalleeId} hold the remote and local sockaddr_in; TCP has no connect
     * data, so {@code lpCallerData} is NULL and {@code lpCalleeData} a buffer of length 0; no QOS is offered.
     */
    int condition(WSABUF lpCallerId, WSABUF lpCallerData, Object lpSQOS, Object lpGQOS, WSABUF lpCalleeId,
                  WSABUF lpCalleeData, int[] g, long dwCallbackData);
}
