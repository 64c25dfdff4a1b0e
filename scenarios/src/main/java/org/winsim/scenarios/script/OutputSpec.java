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
        /** An NTSTATUS, written by its name ({@code Internal=STATUS_PENDING}) or in hex. */
        STATUS,
        /** A handle, written by its name. */
        HANDLE,
        /** A column of a callback's record: one value per call, in call order ({@code data={7,8}}, or {@code data=7} for one). */
        COLUMN,
        /** FD_ events as names or-ed in bit order ({@code events=FD_READ|FD_CLOSE}); left out of the expectation it must be none. */
        EVENTS,
        /** An error per event, in the events' bit order ({@code errors={0,WSAECONNABORTED}}). */
        ERRORS,
        // ---- WSAPoll ----
        /** POLL bits per WSAPoll entry, in entry order ({@code revents={POLLWRNORM,POLLNVAL,0}}). */
        POLL;

        /** Whether an expectation that leaves this output out requires it to be empty (a select set, the events). */
        public boolean leftOutMeansEmpty() {
            return this == SET || this == EVENTS;
        }
    }

    /** Whether a value of an output whose kind {@link Kind#leftOutMeansEmpty()} is empty. */
    public static boolean isEmpty(Output o) {
        return o instanceof Output.List l ? l.items().isEmpty() : o instanceof Output.Name n && n.name().equals("0");
    }

    /** How {@code --verbs} shows it: {@code read={SOCKET,…}}, {@code bytes=N}. */
    public String synopsis() {
        return key + "=" + switch (kind) {
            case SET -> "{" + type.name() + ",…}";
            case NUMBER -> "N";
            case STATUS -> "STATUS";
            case HANDLE -> type.name();
            case COLUMN -> "{…}";
            case EVENTS -> "FD_X|FD_Y";
            case ERRORS -> "{ERROR,…}";
            case POLL -> "{POLLX|POLLY,…}";
        };
    }
}
