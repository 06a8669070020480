package irq0.bench.report;

import static irq0.bench.report.Summary.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * chart.svg, written by hand (no charting library): on top, ns per interrupt against P for the hot
 * path (mean, and p99 where SampleTime ran) and its floor; below, one bar per stage benchmark
 * (AverageTime), on a logarithmic axis because the stages span four decades (one PIT clock at a
 * time against a skip-ahead). The same {@link Results} give the same bytes.
 */
public final class Chart {
    private static final int WIDTH = 960;
    private static final int LINE_HEIGHT = 380;
    private static final int BAR = 22;
    private static final int LABEL_WIDTH = 330;
    private static final String HOT_PATH_COLOUR = "#c0392b";
    private static final String FLOOR_COLOUR = "#2471a3";
    private static final String BAR_COLOUR = "#5d6d7e";

    private Chart() {
    }

    /** AverageTime figures in time units that are neither the hot path, its floor nor the boot. */
    public static List<Figure> stages(Results results) {
        List<Figure> out = new ArrayList<>();
        for (Figure f : results.figures()) {
            String c = f.className();
            if (f.mode().equals("avgt") && f.isTime() && !c.equals(Summary.HOT_PATH) && !c.equals(Summary.FLOOR)
                    && !c.equals(Summary.BOOT)) {
                out.add(f);
            }
        }
        return out;
    }

    public static String render(Results results, Environment env) {
        Summary summary = Summary.of(results);
        List<Figure> stages = stages(results);
        int barsTop = LINE_HEIGHT + 40;
        int height = barsTop + 50 + Math.max(1, stages.size()) * BAR + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, 20, 24, "start", "font-size=\"16\" font-weight=\"bold\"", "irq0: one timer interrupt, hot path against its floor");
        Results.Run run = results.run();
        text(svg, 20, 42, "start", "fill=\"#555\"", env.cpuModel() + ", " + env.cores() + " cores; " + run.vmName() + " "
                + run.vmVersion() + "; JMH " + run.jmhVersion() + "; " + env.date());
        linePanel(svg, summary, 60);
        barPanel(svg, stages, barsTop);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void linePanel(StringBuilder svg, Summary summary, int top) {
        int left = 80;
        int right = WIDTH - 200;
        int plotTop = top + 20;
        int bottom = top + LINE_HEIGHT - 70;
        List<Summary.Row> rows = summary.rows();
        text(svg, left, top + 8, "start", "font-weight=\"bold\"",
                "ns per interrupt against P (tasks on tq_timer); logarithmic axis, so equal gaps are equal ratios");
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Summary.Row r : rows) {
            for (double v : new double[] {r.hotPathNs(), r.floorNs(), r.p99()}) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 1000;
        }
        int dLo = (int) Math.floor(Math.log10(lo));
        int dHi = Math.max(dLo + 1, (int) Math.ceil(Math.log10(hi)));
        Scale scale = new Scale(dLo, dHi, plotTop, bottom);
        for (int d = dLo; d <= dHi; d++) {
            double y = scale.y(Math.pow(10, d));
            line(svg, left, y, right, y, "#e5e5e5", null);
            text(svg, left - 6, y + 4, "end", "", decade(d));
        }
        line(svg, left, plotTop, left, bottom, "#333", null);
        line(svg, left, bottom, right, bottom, "#333", null);
        text(svg, 20, (plotTop + bottom) / 2.0, "middle", "transform=\"rotate(-90 20 " + num((plotTop + bottom) / 2.0) + ")\"", "ns");
        if (rows.isEmpty()) {
            text(svg, (left + right) / 2.0, (plotTop + bottom) / 2.0, "middle", "fill=\"#999\"", "no HotPath or Floor figures in this run");
            return;
        }
        double[] xs = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            xs[i] = rows.size() == 1 ? (left + right) / 2.0 : left + 40 + (right - left - 80) * i / (double) (rows.size() - 1);
            text(svg, xs[i], bottom + 18, "middle", "", "P=" + rows.get(i).tasks());
        }
        series(svg, rows, xs, scale, 0, HOT_PATH_COLOUR, null);
        series(svg, rows, xs, scale, 1, HOT_PATH_COLOUR, "4 3");
        series(svg, rows, xs, scale, 2, FLOOR_COLOUR, null);
        int lx = right + 20;
        legend(svg, lx, plotTop + 10, HOT_PATH_COLOUR, null, "HotPath (mean)");
        legend(svg, lx, plotTop + 30, HOT_PATH_COLOUR, "4 3", "HotPath (p99)");
        legend(svg, lx, plotTop + 50, FLOOR_COLOUR, null, "Floor (mean)");
        int ry = plotTop + 84;
        text(svg, lx, ry, "start", "font-weight=\"bold\"", "HotPath/Floor");
        for (Summary.Row r : rows) {
            ry += 16;
            text(svg, lx, ry, "start", "", "P=" + r.tasks() + ": " + format(r.ratio()) + (Double.isNaN(r.ratio()) ? "" : "×"));
        }
        ry += 22;
        text(svg, lx, ry, "start", "", "slope 16→256:");
        text(svg, lx, ry + 16, "start", "", format(summary.hotPathSlope()) + " ns/task");
    }

    /** which: 0 HotPath mean, 1 HotPath p99, 2 Floor mean. */
    /** A logarithmic vertical axis from 10^dLo (at bottom) to 10^dHi (at top). */
    private record Scale(int dLo, int dHi, int top, int bottom) {
        double y(double v) {
            return bottom - (bottom - top) * (Math.log10(v) - dLo) / (dHi - dLo);
        }
    }

    private static void series(StringBuilder svg, List<Summary.Row> rows, double[] xs, Scale scale,
            int which, String colour, String dash) {
        StringBuilder points = new StringBuilder();
        List<double[]> marks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Summary.Row r = rows.get(i);
            double v = which == 0 ? r.hotPathNs() : which == 1 ? r.p99() : r.floorNs();
            if (!(v > 0)) {
                continue;
            }
            double y = scale.y(v);
            if (points.length() > 0) {
                points.append(' ');
            }
            points.append(num(xs[i])).append(',').append(num(y));
            marks.add(new double[] {xs[i], y, v});
        }
        if (marks.isEmpty()) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"");
        if (dash != null) {
            svg.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        svg.append(" points=\"").append(points).append("\"/>\n");
        for (double[] m : marks) {
            svg.append("<circle cx=\"").append(num(m[0])).append("\" cy=\"").append(num(m[1]))
                    .append("\" r=\"3\" fill=\"").append(colour).append("\"/>\n");
            if (which == 0) {
                text(svg, m[0] - 6, m[1] - 8, "end", "fill=\"" + colour + "\"", format(m[2]));
            } else if (which == 2) {
                text(svg, m[0] + 6, m[1] + 16, "start", "fill=\"" + colour + "\"", format(m[2]));
            }
        }
    }

    private static void barPanel(StringBuilder svg, List<Figure> stages, int top) {
        int left = LABEL_WIDTH;
        int right = WIDTH - 90;
        text(svg, 20, top + 8, "start", "font-weight=\"bold\"", "Stages: ns per op (AverageTime, logarithmic axis)");
        int barTop = top + 40;
        if (stages.isEmpty()) {
            text(svg, 20, barTop + 14, "start", "fill=\"#999\"", "no stage figures in this run");
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Figure f : stages) {
            double v = f.nanosPerOp();
            if (v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        int dLo = (int) Math.floor(Math.log10(Math.min(lo, 1)));
        int dHi = Math.max(dLo + 1, (int) Math.ceil(Math.log10(hi)));
        int axisBottom = barTop + stages.size() * BAR;
        for (int d = dLo; d <= dHi; d++) {
            double x = left + (right - left) * (d - dLo) / (double) (dHi - dLo);
            line(svg, x, barTop - 6, x, axisBottom, "#e5e5e5", null);
            text(svg, x, barTop - 10, "middle", "fill=\"#555\"", decade(d));
        }
        for (int i = 0; i < stages.size(); i++) {
            Figure f = stages.get(i);
            double y = barTop + i * BAR;
            String label = f.shortName() + (f.params().isEmpty() ? "" : " [" + f.paramText() + "]");
            text(svg, left - 8, y + BAR * 0.65, "end", "", label);
            double v = f.nanosPerOp();
            if (!(v > 0)) {
                text(svg, left + 4, y + BAR * 0.65, "start", "fill=\"#999\"", "–");
                continue;
            }
            double w = (right - left) * (Math.log10(v) - dLo) / (dHi - dLo);
            svg.append("<rect x=\"").append(left).append("\" y=\"").append(num(y + 3)).append("\" width=\"")
                    .append(num(Math.max(1, w))).append("\" height=\"").append(BAR - 6).append("\" fill=\"")
                    .append(BAR_COLOUR).append("\"/>\n");
            text(svg, left + Math.max(1, w) + 4, y + BAR * 0.65, "start", "", format(v) + " ns");
        }
        line(svg, left, barTop - 6, left, axisBottom, "#333", null);
    }

    private static void legend(StringBuilder svg, int x, int y, String colour, String dash, String label) {
        line(svg, x, y - 4, x + 24, y - 4, colour, dash);
        text(svg, x + 30, y, "start", "", label);
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String colour, String dash) {
        svg.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
                .append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(colour).append('"');
        if (dash != null) {
            svg.append(" stroke-width=\"2\" stroke-dasharray=\"").append(dash).append('"');
        } else if (!colour.equals("#e5e5e5")) {
            svg.append(" stroke-width=\"").append(colour.startsWith("#3") ? "1" : "2").append('"');
        }
        svg.append("/>\n");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String attrs, String content) {
        svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append('"');
        if (!anchor.equals("start")) {
            svg.append(" text-anchor=\"").append(anchor).append('"');
        }
        if (!attrs.isEmpty()) {
            svg.append(' ').append(attrs);
        }
        svg.append('>').append(escape(content)).append("</text>\n");
    }

    /** 10^d as a short axis label: "0.1", "1", "10", "100", "1k" ... "100M", "1G". */
    static String decade(int d) {
        if (d < 0) {
            return java.math.BigDecimal.ONE.movePointLeft(-d).toPlainString();
        }
        String[] suffix = {"", "k", "M", "G", "T"};
        int group = Math.min(d / 3, suffix.length - 1);
        return java.math.BigInteger.TEN.pow(d - 3 * group) + suffix[group];
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
