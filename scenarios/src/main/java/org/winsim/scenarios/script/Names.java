package org.winsim.scenarios.script;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names a script has bound so far, as the parser sees them: each name's type, and for a name
 * whose record a later line checks (a spawned thread, a recording callback) the shape of that record.
 */
final class Names {
    /** The script's first thread, as records name it. */
    static final String MAIN = "main";
    /** The calling thread's pseudo-handle ({@code GetCurrentThread}). */
    static final String SELF = "self";

    /** A bound name: its type, the shape its check has (or null), and for a callback its kind. */
    record Entry(NameType type, Shape checked, CallbackKind callback) {
    }

    private final Map<String, Entry> names = new LinkedHashMap<>();
    /** The extension functions (by WSAID_ name) a WSAIoctl line before this one fetches. */
    private final java.util.Set<String> fetched = new java.util.TreeSet<>();

    Entry get(String name) {
        return names.get(name);
    }

    /** Why {@code name} cannot be bound now, or null when it can. */
    String whyNot(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return "'" + Token.cut(name) + "' is not a name: use letters, digits and _";
        }
        if (VerbRegistry.get(name) != null || Constants.value(name) != null || Constants.error(name) != null
                || name.equals("spawn") || name.equals(MAIN) || name.equals(SELF) || name.equals("PENDING")) {
            return "'" + name + "' is a verb, constant or reserved word and cannot be a name";
        }
        if (names.containsKey(name)) {
            return "'" + name + "' is already bound";
        }
        return null;
    }

    void bind(String name, Entry e) {
        names.put(name, e);
    }

    /** Records that a WSAIoctl line fetches the extension function {@code wsaid} (WSAID_ACCEPTEX, …). */
    void fetches(String wsaid) {
        fetched.add(wsaid);
    }

    /** Whether a WSAIoctl line before this one fetches the extension function {@code wsaid}. */
    boolean fetched(String wsaid) {
        return fetched.contains(wsaid);
    }
}
