package org.winsim.scenarios.script;

/**
 * The type of a name a script binds: what kind of object the handle behind it is. A verb argument
 * accepts names of some types only, so a name of the wrong type is a parse error.
 */
public enum NameType {
    SOCKET("a socket"),
    EVENT("an event"),
    THREAD("a thread"),
    OVERLAPPED("an overlapped"),
    WINDOW("a window"),
    PORT("a completion port"),
    CALLBACK("a recording callback"),
    // ---- duplicated handles and deferred accept ----
    HANDLE("a duplicated handle");

    /** The type with its article, as messages say it. */
    public final String described;

    NameType(String described) {
        this.described = described;
    }

    /** The calls a name of this type records, which {@code calls NAME} checks: a window's procedure's; null for others. */
    public CallbackKind records() {
        return this == WINDOW ? CallbackKind.WNDPROC : null;
    }
}
