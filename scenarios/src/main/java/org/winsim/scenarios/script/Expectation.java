package org.winsim.scenarios.script;

import java.util.ArrayList;
import java.util.List;

/**
 * What a line expects of its result: a value (or {@code *}: any value of a call that did not fail, or
 * PENDING), the error when the call fails, and outputs, positional and named, in the shape of the result.
 *
 * @param valueText the value as written
 * @param number the value, unless any or pending
 * @param error the error name, or null
 */
public record Expectation(Shape shape, String valueText, boolean any, boolean pending, long number, String error,
                          List<Output.Field> outputs) {
    public Expectation {
        outputs = List.copyOf(outputs);
    }

    /** Whether the outcome (null: still pending) meets this expectation. */
    public boolean matches(Outcome o) {
        if (o == null || pending) {
            return o == null && pending;
        }
        if (any ? o.failed() && error == null : !shape.convention().valueMatches(number, o.ret())) {
            return false; // '*' is any value of a call that did not fail
        }
        if (error != null && (!o.failed() || Constants.error(error) != o.error())) {
            return false;
        }
        List<Output.Field> wantPositional = new ArrayList<>();
        for (Output.Field f : outputs) {
            if (f.key() == null) {
                wantPositional.add(f);
            } else if (!named(o, f.key()).stream().allMatch(g -> f.value().matches(g))) {
                return false;
            } else if (named(o, f.key()).isEmpty()) {
                return false; // an output the call did not write (a set it was not given)
            }
        }
        for (OutputSpec s : shape.named()) {
            if (s.kind().leftOutMeansEmpty() && outputs.stream().noneMatch(f -> s.key().equals(f.key()))) {
                for (Output g : named(o, s.key())) {
                    if (!OutputSpec.isEmpty(g)) {
                        return false; // a set (or the events) left out must come back empty
                    }
                }
            }
        }
        List<Output.Field> gotPositional = o.outputs().stream().filter(f -> f.key() == null).toList();
        for (int i = 0; i < wantPositional.size(); i++) {
            if (i >= gotPositional.size() || !wantPositional.get(i).value().matches(gotPositional.get(i).value())) {
                return false;
            }
        }
        return true;
    }

    private static List<Output> named(Outcome o, String key) {
        return o.outputs().stream().filter(f -> key.equals(f.key())).map(Output.Field::value).toList();
    }

    /** The expectation as a script writes it. */
    public String render() {
        StringBuilder b = new StringBuilder(valueText);
        if (error != null) {
            b.append(' ').append(error);
        }
        for (Output.Field f : outputs) {
            b.append(' ').append(f.render());
        }
        return b.toString();
    }
}
