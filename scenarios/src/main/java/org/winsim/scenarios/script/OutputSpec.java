package org.winsim.scenarios.script;

/**
 * A named output a verb writes ({@code read=}, {@code bytes=}, {@code data=}): its key, what its
 * values are, and, for names, which type of name they are.
 *
 * @param type the type of the names a SET or HANDLE holds; null for numbers and mixed columns
 */
public record OutputSpec(String key, Kind kind, NameType type) {
    /** What a named output holds. */
    public enum Kind {
        /** A set of handles in braces, compared in any order; a set the expectation leaves out must come back empty. */
        SET,
        /** A number. */
        NUMBER,
        /** A handle, written by its name. */
        HANDLE,
        /** A column of a callback's record: one value per call, in call order ({@code data={7,8}}, or {@code data=7} for one). */
        COLUMN
    }

    /** How {@code --verbs} shows it: {@code read={SOCKET,…}}, {@code bytes=N}. */
    public String synopsis() {
        return key + "=" + switch (kind) {
            case SET -> "{" + type.name() + ",…}";
            case NUMBER -> "N";
            case HANDLE -> type.name();
            case COLUMN -> "{…}";
        };
    }
}
