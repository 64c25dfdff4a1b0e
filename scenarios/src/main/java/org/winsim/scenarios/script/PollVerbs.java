package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.SOCKET_ERROR;

import java.util.ArrayList;
import java.util.List;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.WSAPOLLFD;
import org.winsim.winsock.api.Winsock;

/** The WSAPoll verb: entries written {@code {a=POLLRDNORM|POLLWRNORM,-1=0}}, each entry's revents shown in order. */
final class PollVerbs {
    private static final OutputSpec REVENTS = new OutputSpec("revents", OutputSpec.Kind.POLL, null);

    private PollVerbs() {
    }

    static List<Verb> all() {
        return List.of(new Verb("WSAPoll", "{SOCKET=EVENTS,…}|NULL MS [count=N]", new Shape(SOCKET_ERROR, List.of(REVENTS), ""), null,
                PollVerbs::poll, "WSAPoll(): MS < 0 waits for ever; count= defaults to the entries'; revents= (one per entry, each"
                + " entry's revents 0xdead before the call) is checked only when given"));
    }

    private record Entry(HandleRef socket, int events) {
    }

    private static Verb.Action poll(Args a) throws ScriptSyntaxError {
        List<Entry> entries = null;
        if (a.more() && a.peek().isWord("NULL")) {
            a.next();
        } else {
            entries = entries(a);
        }
        int ms = a.intArg("a timeout in milliseconds (negative: no limit)");
        Integer count = null;
        if (a.more()) {
            Token key = a.word("count=");
            if (!key.isWord("count")) {
                throw a.error(key, "unknown WSAPoll argument '" + key.shown() + "': expected count=");
            }
            a.expect(Token.Kind.EQUALS, "'=' after count");
            Token t = a.peek();
            count = a.intArg("an entry count");
            int most = entries == null ? 1 : entries.size(); // NULL with 1 is WSAEFAULT's case; more would read past the array
            if (count < 0 || count > most) {
                throw a.error(t, "count=" + Integer.toUnsignedString(count) + " is past the " + (entries == null ? "NULL array"
                        : entries.size() + " entries given") + ": expected 0 to " + most);
            }
        }
        List<Entry> list = entries;
        int n = count != null ? count : list == null ? 0 : list.size();
        return st -> {
            WSAPOLLFD[] fds = null;
            if (list != null) {
                fds = new WSAPOLLFD[list.size()];
                for (int i = 0; i < fds.length; i++) {
                    fds[i] = new WSAPOLLFD(st.handle(list.get(i).socket()), list.get(i).events());
                    fds[i].revents = (short) 0xdead;
                }
            }
            int ret = st.w().WSAPoll(fds, n, ms);
            List<Output.Field> out = new ArrayList<>();
            if (fds != null) {
                List<Output> revents = new ArrayList<>();
                for (WSAPOLLFD f : fds) {
                    revents.add(new Output.Name(Winsock.pollNames(f.revents)));
                }
                out.add(new Output.Field(REVENTS.key(), new Output.List(revents, true)));
            }
            return st.result(SOCKET_ERROR, ret, out, null);
        };
    }

    /** {@code {a=POLLIN,INVALID_SOCKET=POLLERR}}: each a socket (a name or a literal handle) and the events it asks about. */
    private static List<Entry> entries(Args a) throws ScriptSyntaxError {
        return a.braced("the WSAPoll entries", () -> {
            HandleRef s = a.handle(NameType.SOCKET);
            a.expect(Token.Kind.EQUALS, "'=' and the events after the entry's socket");
            return new Entry(s, a.intArg("POLL events such as POLLRDNORM|POLLWRNORM, or 0"));
        });
    }
}
