package org.winsim.scenarios.script;

import java.util.List;

/**
 * A parsed {@code .wss} script: its directives and its statements in order.
 *
 * @param profile the profile the script names, or null
 * @param seed the seed the script names, or null
 * @param startup whether WSAStartup is called before the first statement ({@code startup off} turns it off)
 */
public record Script(String file, String profile, Long seed, boolean startup, List<Statement> statements) {

    /** One line of a script that does something. */
    public sealed interface Statement permits CallStatement, Spawn, Join, Wait {
        int line();

        /** The statement as written, without its comment. */
        String text();
    }

    /** {@code [NAME =] Verb args… [=> expected]}. */
    public record CallStatement(int line, String text, String bind, Call call, Expectation expect) implements Statement {
    }

    /** {@code spawn NAME: Verb args…}: runs the call on a new thread. */
    public record Spawn(int line, String text, String name, Call call) implements Statement {
    }

    /** {@code join NAME [TIMEOUT] [=> expected]}: the spawned call's result, or PENDING if it is still blocked. */
    public record Join(int line, String text, String name, long timeoutNanos, Expectation expect) implements Statement {
    }

    /** {@code wait DURATION}. */
    public record Wait(int line, String text, long nanos) implements Statement {
    }

    /** A socket argument: a name the script bound, or a literal handle value. */
    public record SocketRef(String name, long literal) {
        @Override
        public String toString() {
            return name != null ? name : "0x" + Long.toHexString(literal);
        }
    }

    /** An address argument: a literal, the name a socket is bound to (a socket name), or NULL. */
    public record Address(String socketName, int addr, int port, boolean isNull) {
    }

    /** A parsed call: the verb and its arguments, one record per verb. */
    public sealed interface Call permits Call.Socket, Call.Bind, Call.Listen, Call.Accept, Call.Connect, Call.Send,
            Call.Recv, Call.Shutdown, Call.Close, Call.Ioctl, Call.SetOpt, Call.GetOpt, Call.Name, Call.Select,
            Call.Startup, Call.Cleanup {
        /** Whether the call returns a socket handle (so a failure reads INVALID_SOCKET). */
        default boolean returnsHandle() {
            return false;
        }

        record Socket(int af, int type, int protocol) implements Call {
            @Override
            public boolean returnsHandle() {
                return true;
            }
        }

        record Bind(SocketRef s, Address addr, int len) implements Call {
        }

        record Listen(SocketRef s, int backlog) implements Call {
        }

        /** {@code len} is the addrlen passed (-1: NULL address and length). */
        record Accept(SocketRef s, int len) implements Call {
            @Override
            public boolean returnsHandle() {
                return true;
            }
        }

        record Connect(SocketRef s, Address addr, int len) implements Call {
        }

        /** Either {@code literal} bytes, or {@code count} bytes of the socket's pattern stream. */
        record Send(SocketRef s, byte[] literal, int count, int flags) implements Call {
        }

        record Recv(SocketRef s, int len, int flags) implements Call {
        }

        record Shutdown(SocketRef s, int how) implements Call {
        }

        record Close(SocketRef s) implements Call {
        }

        /** {@code arg} null passes a NULL pointer. */
        record Ioctl(SocketRef s, int cmd, Long arg) implements Call {
        }

        record SetOpt(SocketRef s, int level, int option, int[] values, int optlen, boolean nullValue) implements Call {
        }

        record GetOpt(SocketRef s, int level, int option, int optlen) implements Call {
        }

        /** getsockname ({@code peer} false) or getpeername; {@code len} -1 passes NULL name and length. */
        record Name(boolean peer, SocketRef s, int len) implements Call {
        }

        /** A null list is a NULL set; a null timeout waits forever. */
        record Select(List<SocketRef> read, List<SocketRef> write, List<SocketRef> except, Long timeoutMs) implements Call {
        }

        record Startup() implements Call {
        }

        record Cleanup() implements Call {
        }
    }

    /** What a line expects: a value (or any, or PENDING), an error name, and outputs. */
    public record Expectation(Value value, String error, List<Output> outputs) {
        public record Value(boolean any, boolean pending, long number, String text) {
        }
    }

    /** A value a call writes out besides its return value. */
    public sealed interface Output permits Output.Number, Output.Addr, Output.Set, Output.Data {
        record Number(long value) implements Output {
        }

        /** {@code port} -1 matches any port ({@code *}). */
        record Addr(int addr, int port) implements Output {
        }

        record Set(String which, List<String> names) implements Output {
        }

        record Data(byte[] bytes) implements Output {
        }
    }
}
