package org.winsim.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Over generated sequences of overlapped sends and receives (random buffer counts and sizes, events,
 * completion routines or neither, cancels and closes at random points): every request completes exactly
 * once, also after a close; every byte a completion reports is the sender's, once and in order.
 */
class OverlappedProperties {
    @TestFactory
    Stream<DynamicTest> everyRequestCompletesOnceAndEveryByteArrivesOnce() {
        return GeneratedCases.cases("overlapped", 200, seed -> () -> {
            OverlappedCase c = new OverlappedCase(seed);
            assertNull(c.run(), () -> "[" + c + "]");
        });
    }

    @TestFactory
    Stream<DynamicTest> sameSeedSameOutcome() {
        return GeneratedCases.cases("overlapped determinism", 10, seed -> () ->
                assertEquals(new OverlappedCase(seed).run(), new OverlappedCase(seed).run()));
    }
}
