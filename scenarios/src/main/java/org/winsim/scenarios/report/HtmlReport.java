package org.winsim.scenarios.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTML timeline report: one self-contained page (its script and style inlined, no network access
 * needed) that draws a {@link Timeline}. The page is {@code report.html} with {@code report.css},
 * {@code report.js} and the timeline's JSON put in its place-holders.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Writes the page: {@code title}, the run's summary lines in its header, and the timeline. */
    public static void write(Writer out, String title, List<String> summary, Timeline timeline) throws IOException {
        StringWriter json = new StringWriter();
        timeline.write(json, title, summary);
        String page = resource("report.html")
                .replace("<!--TITLE-->", escape(title))
                .replace("/*STYLE*/", resource("report.css"))
                .replace("/*DATA*/", json.toString().replace("</", "<\\/"))
                .replace("/*SCRIPT*/", resource("report.js"));
        out.write(page);
        out.flush();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
