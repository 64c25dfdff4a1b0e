package org.winsim.sim;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Independent deterministic random streams derived from one seed, one per named purpose, so that a
 * new consumer of randomness does not shift the numbers any other consumer sees.
 */
public final class RandomStreams {
    private final long seed;
    private final Map<String, RandomGenerator> streams = new LinkedHashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream for a purpose (for example "net.loss"); the same name always gives the same stream. */
    public RandomGenerator stream(String purpose) {
        return streams.computeIfAbsent(purpose, p -> new Well19937c(seedFor(p)));
    }

    private int[] seedFor(String purpose) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the purpose's UTF-8 bytes
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long state = seed ^ h;
        int[] words = new int[8];
        for (int i = 0; i < words.length; i += 2) {
            long z = (state += 0x9e3779b97f4a7c15L); // SplitMix64
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            z ^= z >>> 31;
            words[i] = (int) z;
            words[i + 1] = (int) (z >>> 32);
        }
        return words;
    }
}
