package org.winsim.properties;

import java.util.function.LongFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Seeded generated cases as JUnit dynamic tests: each case's name carries its seed, and
 * {@code -Dwinsim.seed=N} runs only that case; {@code -Dwinsim.cases=N} sets how many run
 * (the default keeps CI fast; longer campaigns pass a larger number).
 */
final class GeneratedCases {
    private GeneratedCases() {
    }

    static Stream<DynamicTest> cases(String property, int defaultCount, LongFunction<Runnable> caseForSeed) {
        String only = System.getProperty("winsim.seed");
        LongStream seeds = only != null ? LongStream.of(Long.parseLong(only))
                : LongStream.range(0, Integer.getInteger("winsim.cases", defaultCount)).map(i -> 1000 + i * 7919);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest(property + " seed=" + seed, () -> {
            try {
                caseForSeed.apply(seed).run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed for seed " + seed + "; re-run this case with"
                        + " ./winsim test -pl property-tests -am -Dwinsim.seed=" + seed + " -Dsurefire.failIfNoSpecifiedTests=false: "
                        + e.getMessage(), e);
            }
        }));
    }
}
