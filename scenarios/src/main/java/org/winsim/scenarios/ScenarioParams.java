package org.winsim.scenarios;

/**
 * The parameters of one scenario run.
 *
 * @param clients number of client connections
 * @param messages messages each client sends (and has echoed)
 * @param size bytes per message
 * @param seed seeds the simulation's random streams and the message contents
 * @param asWritten run a lecture program exactly as the lecture wrote it, mistakes included ({@code --as-written})
 */
public record ScenarioParams(int clients, int messages, int size, long seed, boolean asWritten) {
    public static final ScenarioParams DEFAULT = new ScenarioParams(4, 10, 512, 1);

    public ScenarioParams(int clients, int messages, int size, long seed) {
        this(clients, messages, size, seed, false);
    }

    public ScenarioParams {
        if (clients < 1 || messages < 1 || size < 1) {
            throw new IllegalArgumentException("clients, messages and size must be at least 1");
        }
    }

    /** Bytes a full run sends (and must see echoed), over all clients. */
    public long totalBytes() {
        return (long) clients * messages * size;
    }

    /** The byte at position {@code pos} of client {@code client}'s stream: deterministic, different per client. */
    public byte patternByte(int client, long pos) {
        long x = pos * 0x9E3779B97F4A7C15L ^ (client + 1) * 0xC2B2AE3D27D4EB4FL ^ seed;
        x ^= x >>> 29;
        return (byte) (x * 0xBF58476D1CE4E5B9L >>> 56);
    }

    /** Fills {@code buf[0..len)} with the client's stream from {@code pos}. */
    public void fillPattern(int client, long pos, byte[] buf, int len) {
        for (int i = 0; i < len; i++) {
            buf[i] = patternByte(client, pos + i);
        }
    }
}
