package org.winsim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioRunner;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.SimBackend;
import org.winsim.winsock.sim.OsProfile;

/**
 * The HTML report opened in a real browser: headless Chromium loads the page from a file, with no
 * network, and the page must draw without a script error and with its lanes and arrows (it writes its
 * counts into the DOM, which {@code --dump-dom} returns). A screenshot is saved under
 * {@code target/report-screenshots/}. Skipped, with the reason, when Chromium is not installed.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("winsim.chromium", "/usr/bin/chromium"));
    private static final Path OUT = Path.of("target", "report-screenshots");

    @Test
    void blockingEchoRendersLanesAndArrowsWithoutErrors() throws Exception {
        Path page = report("blocking-echo", 5, 10);
        String html = Files.readString(page);
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:|//)").matcher(html).find(),
                "the page loads nothing from the network");
        String dom = renderedDom(page);
        assertEquals(18, Integer.parseInt(attribute(dom, "data-thread-lanes")),
                "server main, listener, 5 receivers, 5 senders; client main and 5 client threads");
        assertTrue(Integer.parseInt(attribute(dom, "data-object-lanes")) >= 15, "10 TCP connection ends and 5 events");
        assertTrue(Integer.parseInt(attribute(dom, "data-segment-arrows")) > 100, dom);
        assertTrue(Integer.parseInt(attribute(dom, "data-wake-arrows")) > 0, "senders woken by their receivers' SetEvent");
        assertTrue(Integer.parseInt(attribute(dom, "data-drawn-arrows")) > 0, "arrows were drawn");
        assertTrue(Integer.parseInt(attribute(dom, "data-drawn-spans")) > 100, "spans were drawn");
        Path png = screenshot(page, "blocking-echo-5.png");
        assertTrue(Files.size(png) > 20_000, "a screenshot with something on it: " + Files.size(png) + " bytes");
    }

    @Test
    void iocpEchoDrawsAnArrowFromThePortToTheWorkerForEachPacket() throws Exception {
        Path page = report("iocp-echo", 20, 10);
        String dom = renderedDom(page);
        assertEquals(24, Integer.parseInt(attribute(dom, "data-thread-lanes")), "server main and 2 workers; client main and 20 clients");
        assertEquals(20 * (2 * 10 + 1), Integer.parseInt(attribute(dom, "data-link-arrows")),
                "a packet per receive and per send, and each connection's last (0-byte) receive");
        assertTrue(dom.contains("packets / messages queued"), "the legend names the port's queue");
        assertTrue(Integer.parseInt(attribute(dom, "data-drawn-arrows")) > 420, "arrows were drawn");
        Path png = screenshot(page, "iocp-echo-20.png");
        assertTrue(Files.size(png) > 20_000, "a screenshot with something on it: " + Files.size(png) + " bytes");
        screenshot(page, "#800-950", "iocp-echo-20-zoomed.png");
    }

    @Test
    void asyncSelectEchoDrawsEachMessageFromItsQueueToGetMessageAndDispatch() throws Exception {
        Path page = report("async-select-echo", 5, 3);
        String dom = renderedDom(page);
        int links = Integer.parseInt(attribute(dom, "data-link-arrows"));
        assertTrue(links >= 2 * 5 * 3 && links % 2 == 0, "two arrows per message (posted → GetMessage → DispatchMessage): " + links);
        assertTrue(dom.contains("window open"), "the legend names the window's lane");
        screenshot(page, "#0-300", "async-select-echo-5.png");
    }

    @Test
    void aRunPastTheDetailLimitIsAggregatedAndSaysSo() throws Exception {
        Path page = report("select-echo", 60, 20);
        String dom = renderedDom(page);
        assertTrue(dom.contains("more than the 10,000 shown one by one"), "the page says it aggregates");
        screenshot(page, "select-echo-60-aggregated.png");
    }

    private static Path report(String scenario, int clients, int messages) throws IOException {
        Timeline timeline = new Timeline();
        RunReport run = ScenarioRunner.runSimulated(Scenarios.named(scenario).orElseThrow(),
                new ScenarioParams(clients, messages, 512, 1), OsProfile.WINDOWS, SimBackend.Topology.LOOPBACK, 2,
                List.of(timeline));
        assertTrue(run.succeeded(), run.failures().toString());
        StringWriter summary = new StringWriter();
        try (java.io.PrintWriter p = new java.io.PrintWriter(summary)) {
            run.print(p);
        }
        Files.createDirectories(OUT);
        Path page = OUT.resolve(scenario + "-" + clients + ".html").toAbsolutePath();
        try (var w = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(w, scenario + " --clients " + clients, summary.toString().lines().toList(), timeline);
        }
        return page;
    }

    /** The page's DOM once it has drawn, which it must have done without a script error. */
    private static String renderedDom(Path page) throws Exception {
        String dom = chromium(page, "", "--dump-dom");
        assertEquals("yes", attribute(dom, "data-rendered"), "the page finished drawing");
        assertEquals("", attributeOrEmpty(dom, "data-errors"), "script errors on the page");
        return dom;
    }

    private static Path screenshot(Path page, String name) throws Exception {
        return screenshot(page, "", name);
    }

    /** A screenshot of the page opened at {@code fragment} ({@code #800-950}: 800 us to 950 us, or "" for the whole run). */
    private static Path screenshot(Path page, String fragment, String name) throws Exception {
        Path png = OUT.resolve(name).toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(page, fragment, "--screenshot=" + png, "--window-size=1600,1000");
        assertTrue(Files.exists(png), "chromium wrote no screenshot to " + png);
        return png;
    }

    /** Runs headless Chromium on the page with a fresh profile and no network; returns what it printed. */
    private static String chromium(Path page, String fragment, String... extra) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            Assumptions.abort("no Chromium at " + CHROMIUM + ": install it with 'apt-get install chromium' "
                    + "(CI's .ci/run does), or name another with -Dwinsim.chromium=PATH");
        }
        Path profile = Files.createTempDirectory("winsim-chromium");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri() + fragment);
        Path stdout = profile.resolve("stdout.txt");
        Path stderr = profile.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish in 90 s: " + cmd);
            }
            String err = Files.readString(stderr);
            for (String line : err.lines().toList()) {
                if (line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("rror"))) {
                    throw new AssertionError("the page logged an error: " + line);
                }
            }
            return Files.readString(stdout);
        } finally {
            p.destroyForcibly();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String attribute(String dom, String name) {
        String v = attributeOrEmpty(dom, name);
        assertFalse(v.isEmpty(), "no " + name + " in the rendered page:\n" + dom.substring(0, Math.min(dom.length(), 3000)));
        return v;
    }

    private static String attributeOrEmpty(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : "";
    }
}
