package org.winsim.scenarios.script;

/**
 * What one statement did: its result as text and whether it met its expectation.
 *
 * @param data the bytes it received, or null (the result leaves them out; a comparison compares them)
 * @param expected the expectation as written, or null when the line has none
 * @param check a check of the call's own that failed (received bytes that are not the peer's), or null
 * @param problem why the line failed (that check, a mismatch), or null
 */
public record LineResult(int line, String statement, String result, byte[] data, String expected, String check, String problem) {
    public boolean ok() {
        return problem == null;
    }
}
