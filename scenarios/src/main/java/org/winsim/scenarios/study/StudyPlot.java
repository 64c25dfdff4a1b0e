package org.winsim.scenarios.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The study as an SVG picture: throughput (messages per second of virtual time, linear) and server threads
 * (logarithmic) against client connections (logarithmic), one line per built model, a legend below.
 */
public final class StudyPlot {
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#17becf"};
    private static final int PANEL_W = 440;
    private static final int PANEL_H = 300;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int GAP = 90;

    private StudyPlot() {
    }

    /** The picture of {@code rows} (models that are not built are left out). */
    public static String svg(List<StudyRow> rows) {
        Map<IoModel, List<StudyRow>> byModel = new LinkedHashMap<>();
        for (StudyRow r : rows) {
            if (r.built()) {
                byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r);
            }
        }
        double minX = rows.stream().mapToInt(StudyRow::ran).min().orElse(1);
        double maxX = rows.stream().mapToInt(StudyRow::ran).max().orElse(10);
        double maxTput = Math.max(1, rows.stream().mapToDouble(StudyRow::throughput).max().orElse(1));
        double maxThreads = Math.max(10, rows.stream().mapToInt(StudyRow::threads).max().orElse(10));
        int legendRows = (byModel.size() + 1) / 2;
        int width = LEFT + 2 * PANEL_W + GAP + 30;
        int height = TOP + PANEL_H + 60 + 20 * legendRows + 10;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        Axis x = new Axis(minX, maxX, true);
        panel(b, LEFT, "throughput (messages/s of virtual time)", x, new Axis(0, maxTput * 1.05, false), byModel,
                StudyRow::throughput);
        panel(b, LEFT + PANEL_W + GAP, "server threads", x, new Axis(1, maxThreads * 1.5, true), byModel,
                r -> Math.max(1, r.threads()));
        int i = 0;
        for (IoModel m : byModel.keySet()) {
            int lx = LEFT + (i % 2) * (PANEL_W + GAP);
            int ly = TOP + PANEL_H + 50 + 20 * (i / 2);
            String c = COLOURS[i % COLOURS.length];
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s (%s)</text>%n", lx, ly - 4, lx + 24, ly - 4, c, lx + 30, ly,
                    escape(m.label()), escape(m.scenario())));
            i++;
        }
        return b.append("</svg>\n").toString();
    }

    /** A scale from values to a 0..1 share of the panel, linear or logarithmic. */
    private record Axis(double min, double max, boolean log) {
        double share(double v) {
            if (log) {
                double lo = Math.log10(Math.max(min, 1e-9));
                double hi = Math.log10(Math.max(max, min * 10));
                return (Math.log10(Math.max(v, min)) - lo) / (hi - lo);
            }
            return max == min ? 0 : (v - min) / (max - min);
        }

        /** Tick values: powers of ten on a log axis, five even steps on a linear one. */
        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            if (log) {
                for (double p = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-9)))); p <= max * 1.0001; p *= 10) {
                    if (p >= min * 0.9999) {
                        t.add(p);
                    }
                }
            } else {
                for (int k = 0; k <= 5; k++) {
                    t.add(min + (max - min) * k / 5);
                }
            }
            return t;
        }
    }

    private static void panel(StringBuilder b, int x0, String title, Axis x, Axis y, Map<IoModel, List<StudyRow>> byModel,
                              ToDoubleFunction<StudyRow> value) {
        int y0 = TOP;
        b.append(String.format(Locale.ROOT, "<g><text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x0, y0 - 14,
                escape(title)));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                x0, y0, PANEL_W, PANEL_H));
        for (double t : x.ticks()) {
            double px = x0 + x.share(t) * PANEL_W;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, y0, px, y0 + PANEL_H, px,
                    y0 + PANEL_H + 16, number(t)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">client connections</text>%n",
                x0 + PANEL_W / 2, y0 + PANEL_H + 34));
        for (double t : y.ticks()) {
            double py = y0 + PANEL_H - y.share(t) * PANEL_H;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x0, py, x0 + PANEL_W, py, x0 - 6, py + 4,
                    number(t)));
        }
        int i = 0;
        for (List<StudyRow> series : byModel.values()) {
            String c = COLOURS[i++ % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (StudyRow r : series) {
                double px = x0 + x.share(r.ran()) * PANEL_W;
                double py = y0 + PANEL_H - y.share(value.applyAsDouble(r)) * PANEL_H;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, %d clients: %s"
                        + "</title></circle>%n", px, py, c, escape(r.model().label()), r.ran(),
                        number(value.applyAsDouble(r))));
            }
            b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), c));
        }
        b.append("</g>\n");
    }

    private static String number(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
