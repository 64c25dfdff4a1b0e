package org.winsim.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Over generated links, buffer sizes, write and read sizes, modes and pauses: each side receives exactly
 * the bytes the other sent, in order, nothing lost or duplicated, whatever partial sends and receives
 * happen; and the same seed gives the same trace.
 */
class StreamIntegrityProperties {
    @TestFactory
    Stream<DynamicTest> everyByteArrivesOnceInOrder() {
        return GeneratedCases.cases("stream integrity", 200, seed -> () -> {
            TransferCase c = new TransferCase(seed);
            TransferCase.Outcome o = c.run();
            String where = " [" + c + "]";
            assertNull(o.result().finding(), () -> o.result().finding().describe() + where);
            assertNull(o.problem(), () -> o.problem() + where);
            assertArrayEquals(new long[] {c.total[1], c.total[0]}, o.received(), "bytes received by client/server" + where);
        });
    }

    @TestFactory
    Stream<DynamicTest> sameSeedSameTrace() {
        return GeneratedCases.cases("determinism", 25, seed -> () -> {
            TransferCase.Outcome first = new TransferCase(seed).run();
            TransferCase.Outcome second = new TransferCase(seed).run();
            assertEquals(first.digest(), second.digest());
            assertEquals(first.result().endTime(), second.result().endTime());
        });
    }
}
