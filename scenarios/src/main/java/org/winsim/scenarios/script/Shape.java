package org.winsim.scenarios.script;

import java.util.List;

/**
 * What a result looks like to an expectation: its return convention, and the named outputs that may
 * follow it (positional outputs, such as recv's bytes or getsockopt's value, follow in order).
 *
 * @param positional what the positional outputs are, for {@code --verbs} ("" when none)
 */
public record Shape(Convention convention, List<OutputSpec> named, String positional) {
    public Shape {
        named = List.copyOf(named);
    }

    public static Shape of(Convention c) {
        return new Shape(c, List.of(), "");
    }

    public static Shape of(Convention c, String positional) {
        return new Shape(c, List.of(), positional);
    }

    /** The spec of a named output, or null. */
    public OutputSpec spec(String key) {
        return named.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }
}
