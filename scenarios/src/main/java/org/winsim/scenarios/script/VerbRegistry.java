package org.winsim.scenarios.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every verb a script may use, by name: the ws2_32 calls, the kernel32 calls and the script's own
 * statements. A verb not here is a parse error. A new verb is one {@link Verb} entry in the list of
 * its DLL ({@link Ws2_32Verbs}, {@link Kernel32Verbs}, {@link OverlappedVerbs}, {@link ExtensionVerbs},
 * {@link NotificationVerbs}, {@link User32Verbs}, {@link DatagramVerbs}) or in
 * {@link ScriptVerbs}.
 */
public final class VerbRegistry {
    private static final Map<String, Verb> VERBS = new LinkedHashMap<>();

    static {
        List<Verb> all = new ArrayList<>();
        all.addAll(Ws2_32Verbs.all());
        all.addAll(Kernel32Verbs.all());
        all.addAll(OverlappedVerbs.all());
        all.addAll(ExtensionVerbs.all()); // issue 12: WSAIoctl, AcceptEx, ConnectEx, DisconnectEx
        all.addAll(NotificationVerbs.all()); // issue 11
        all.addAll(User32Verbs.all()); // issue 11
        all.addAll(HandleSharingVerbs.all()); // duplicated handles and deferred accept
        all.addAll(PollVerbs.all()); // ---- WSAPoll ----
        all.addAll(DatagramVerbs.all()); // ---- UDP ----
        all.addAll(ScriptVerbs.all());
        for (Verb v : all) {
            if (VERBS.put(v.name(), v) != null) {
                throw new IllegalStateException("verb " + v.name() + " is registered twice");
            }
        }
    }

    private VerbRegistry() {
    }

    /** The verb of this name, or null. */
    public static Verb get(String name) {
        return VERBS.get(name);
    }

    /** Every verb, in the order {@code --verbs} lists them. */
    public static List<Verb> all() {
        return Collections.unmodifiableList(new ArrayList<>(VERBS.values()));
    }

    /** {@code --verbs}: per verb, its arguments, then its result convention and outputs and what it does; then the statement forms. */
    public static List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Verb v : VERBS.values()) {
            String outputs = v.result().positional();
            for (OutputSpec s : v.result().named()) {
                outputs = (outputs.isEmpty() ? "" : outputs + " ") + s.synopsis();
            }
            out.add(synopsis(v));
            out.add("    => " + v.result().convention().summary + (outputs.isEmpty() ? "" : "; outputs: " + outputs));
            out.add("    " + v.summary());
        }
        out.add("NAME = VERB ARGS…");
        out.add("    binds the handle the verb creates (socket, accept: a socket; CreateEvent, WSACreateEvent: an event;"
                + " CreateWindowEx: a window) to NAME");
        out.add("spawn NAME: VERB ARGS…");
        out.add("    runs the call on a new script thread bound to NAME (a thread handle); 'join NAME' checks its result");
        return out;
    }

    private static String synopsis(Verb v) {
        return v.args().isEmpty() ? v.name() : v.name() + " " + v.args();
    }
}
