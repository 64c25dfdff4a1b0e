package org.winsim.scenarios.script;

import java.util.List;

/**
 * What one call did: its return value, the error when its convention says it failed, its outputs,
 * and a check of its own that failed (received bytes that do not continue the peer's stream), or null.
 */
public record Outcome(long ret, boolean failed, int error, List<Output.Field> outputs, String problem) {
    public Outcome {
        outputs = List.copyOf(outputs);
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
