package org.winsim.scenarios.script;

/**
 * What one statement did: its result as text and whether it met its expectation.
 *
 * @param expected the expectation as written, or null when the line has none
 * @param problem why the line failed (a mismatch, a deadlock), or null
 */
public record LineResult(int line, String statement, String result, String expected, String problem) {
    public boolean ok() {
        return problem == null;
    }
}
