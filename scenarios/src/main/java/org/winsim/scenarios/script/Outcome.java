package org.winsim.scenarios.script;

import java.util.List;

/**
 * What one call did: its return value, the error when its convention says it failed, its outputs,
 * and a check of its own that failed (received bytes that do not continue the peer's stream), or null.
 */
public record Outcome(long ret, boolean failed, int error, List<Output.Field> outputs, String problem) {
    /** The error of a call the script could not make (an extension function whose fetch failed). */
    private static final int NOT_CALLED = -1;

    public Outcome {
        outputs = List.copyOf(outputs);
    }

    /** A line whose call could not be made, and why: it fails with that reason. */
    public static Outcome notCalled(String why) {
        return new Outcome(0, true, NOT_CALLED, List.of(), why);
    }

    /** Whether this is a call the script could not make. */
    public boolean isNotCalled() {
        return failed && error == NOT_CALLED;
    }

    /** The bytes it received, or null. */
    public byte[] data() {
        for (Output.Field f : outputs) {
            if (f.key() == null && f.value() instanceof Output.Data d) {
                return d.bytes();
            }
        }
        return null;
    }
}
