package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.winsim.scenarios.WineOs;
import org.winsim.scenarios.WineOsForTests;

/**
 * scripts/facts and scripts/lessons on Wine beside the windows profile (what {@code winsim compare
 * --against wine} prints): every line agrees, or differs as one of {@link WineDivergences}' rules says
 * Wine may. An unexplained difference fails: it is a model bug, or a Wine divergence still to be written
 * down with its evidence. Skipped, with what to install, when Wine or mingw-w64 is missing.
 */
class WineCompareScriptsTest {
    /** A line still under way after this long is BLOCKED (one script blocks for good on Wine: ERR-10, rule W12). */
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static WineOs wine;
    private static final Map<Comparison.Verdict, Integer> TOTAL = new EnumMap<>(Comparison.Verdict.class);
    private static long startNanos;

    @BeforeAll
    static void startWine() {
        startNanos = System.nanoTime();
        wine = WineOsForTests.startOrSkip();
    }

    @AfterAll
    static void stopWine() {
        if (wine != null) {
            wine.close();
            System.out.println("Wine comparison of facts and lessons: " + Comparison.summary(TOTAL, "Wine divergence") + "; "
                    + Duration.ofNanos(System.nanoTime() - startNanos).toMillis() + " ms with the agent's start and end");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDifferenceIsAKnownWineDivergence() throws IOException {
        return Stream.concat(ScriptsTest.scripts("facts").stream(), ScriptsTest.scripts("lessons").stream())
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    Comparison c = Comparison.run(ScriptParser.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8)),
                            wine, LIMIT);
                    c.counts().forEach((v, n) -> TOTAL.merge(v, n, Integer::sum));
                    StringWriter out = new StringWriter();
                    c.print(new PrintWriter(out));
                    assertEquals(0, c.differences(), out.toString());
                }));
    }
}
