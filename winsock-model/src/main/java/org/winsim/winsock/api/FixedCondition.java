package org.winsim.winsock.api;

/**
 * A WSAAccept condition function that gives the same answer (CF_ACCEPT, CF_REJECT or CF_DEFER, or any
 * other value) for every connection: what a script's WSAAccept passes, and what a real backend can run
 * without calling back into Java.
 */
public record FixedCondition(int answer) implements LPCONDITIONPROC {
    @Override
    public int condition(WSABUF lpCallerId, WSABUF lpCallerData, Object lpSQOS, Object lpGQOS, WSABUF lpCalleeId,
                         WSABUF lpCalleeData, int[] g, long dwCallbackData) {
        return answer;
    }
}
