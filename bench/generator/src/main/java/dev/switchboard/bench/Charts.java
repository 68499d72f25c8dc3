package dev.switchboard.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws one run's {@code results.tsv} as SVG charts beside it, with JFreeChart and JFreeSVG:
 * {@code fanout-latency.svg} (p50 and p99 against the offered deliveries/s: the fixed phase and the doubling
 * steps of {@code fanout} and {@code cluster}), {@code cpu-per-delivery.svg} (server CPU µs per delivery of
 * {@code fanout}, {@code rooms} and {@code cluster}, the servers side by side), {@code cpu-per-call.svg}
 * ({@code reqrep}) and {@code failover.svg} (clients re-joined against the ms since the kill). A chart whose
 * rows are absent is not written; negative values (a failed scenario's marker) are left out. One server keeps
 * its colour in every chart. Called by {@link Report}.
 */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    /** A step whose p99 is over this has fallen behind (Bench's rule). */
    private static final double LIMIT_MS = 1000;
    private static final DecimalFormat TICK = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    private static final Pattern STEP = Pattern.compile("(step \\d+/s): offered deliveries/s");
    private static final Pattern TIMELINE = Pattern.compile("timeline: p(\\d+) re-joined ms");
    /** Okabe–Ito: told apart with every kind of colour vision. */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xE69F00), new Color(0xCC79A7), new Color(0x56B4E9), Color.BLACK, Color.GRAY};

    /** label → "scenario\tmetric" → value, in the file's order. */
    private final Map<String, Map<String, Double>> values = new LinkedHashMap<>();
    private final String run;

    private Charts(List<String> lines, String run) {
        this.run = run;
        for (String line : lines) {
            String[] cells = line.split("\t");
            if (cells.length != 4) {
                continue;
            }
            try {
                double value = Double.parseDouble(cells[3]);
                values.computeIfAbsent(cells[0], l -> new LinkedHashMap<>()).put(cells[1] + "\t" + cells[2], value);
            } catch (NumberFormatException e) {
                // not a figure: nothing to draw
            }
        }
    }

    /** Writes the charts the rows of {@code results} allow into its directory; returns their file names. */
    static List<String> write(Path results) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = results.toAbsolutePath().getParent();
        Charts charts = new Charts(Files.readAllLines(results, StandardCharsets.UTF_8), dir.getFileName().toString());
        Map<String, JFreeChart> drawn = new LinkedHashMap<>();
        drawn.put("fanout-latency.svg", charts.fanoutLatency());
        drawn.put("cpu-per-delivery.svg", charts.cpu("Server CPU per delivery", "server CPU µs per delivery (user + system)", "delivered",
                new String[][] {{"fanout", "fixed: server total µs/delivery", "fanout (1 room of 1,000), fixed rate"},
                    {"rooms", "server total µs/delivery", "rooms (200 rooms of 10)"},
                    {"cluster", "fixed: server total µs/delivery", "cluster (one room across 2 nodes), fixed rate"}}));
        drawn.put("cpu-per-call.svg", charts.cpu("Server CPU per request/reply call", "server CPU µs per call (user + system)", "answered",
                new String[][] {{"reqrep", "server total µs/call", "reqrep (roomView, one call after the other)"}}));
        drawn.put("failover.svg", charts.failover());
        List<String> written = new ArrayList<>();
        for (var chart : drawn.entrySet()) {
            if (chart.getValue() != null) {
                SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
                chart.getValue().draw(svg, new Rectangle(WIDTH, HEIGHT));
                Files.writeString(dir.resolve(chart.getKey()), svg.getSVGDocument(), StandardCharsets.UTF_8);
                written.add(chart.getKey());
            }
        }
        return written;
    }

    private Double value(String label, String scenario, String metric) {
        Double value = values.get(label).get(scenario + "\t" + metric);
        return value == null || value < 0 ? null : value;
    }

    private Paint colour(String label) {
        return PALETTE[new ArrayList<>(values.keySet()).indexOf(label) % PALETTE.length];
    }

    /** p50 (dashed) and p99 (solid) of each server's fixed phase and steps, both axes logarithmic. */
    private JFreeChart fanoutLatency() {
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<Paint> paints = new ArrayList<>();
        for (String label : values.keySet()) {
            for (String scenario : List.of("fanout", "cluster")) {
                List<String> phases = new ArrayList<>(List.of("fixed"));
                for (String key : values.get(label).keySet()) {
                    Matcher step = STEP.matcher(key);
                    if (key.startsWith(scenario + "\t") && step.find()) {
                        phases.add(step.group(1));
                    }
                }
                boolean both = "cluster".equals(scenario) && value(label, "fanout", "fixed: offered deliveries/s") != null;
                String name = label + (both ? " cross-node" : "");
                for (String percentile : List.of("p99", "p50")) {
                    XYSeries series = new XYSeries(name + " " + percentile);
                    for (String phase : phases) {
                        Double offered = value(label, scenario, phase + ": offered deliveries/s");
                        Double latency = value(label, scenario, phase + ": latency " + percentile + " ms");
                        if (offered != null && latency != null && offered > 0 && latency > 0) {
                            series.add(offered, latency);
                        }
                    }
                    if (!series.isEmpty()) {
                        dataset.addSeries(series);
                        paints.add(colour(label));
                    }
                }
            }
        }
        if (dataset.getSeriesCount() == 0) {
            return null;
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Fan-out: latency against the offered rate", null, null, dataset);
        subtitle(chart, "fixed rate, then doubling steps until one falls behind; solid p99, dashed p50; both axes logarithmic");
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(logAxis("offered deliveries/s (messages/s × room members)",
                DatasetUtils.findMinimumDomainValue(dataset).doubleValue(), DatasetUtils.findMaximumDomainValue(dataset).doubleValue()));
        plot.setRangeAxis(logAxis("latency, ms (send to receipt)", DatasetUtils.findMinimumRangeValue(dataset).doubleValue(),
                Math.max(LIMIT_MS, DatasetUtils.findMaximumRangeValue(dataset).doubleValue())));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < paints.size(); i++) {
            boolean p99 = dataset.getSeriesKey(i).toString().endsWith("p99");
            renderer.setSeriesPaint(i, paints.get(i));
            renderer.setSeriesStroke(i, p99 ? new BasicStroke(2f)
                    : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            renderer.setSeriesShape(i, p99 ? new Ellipse2D.Double(-4, -4, 8, 8) : new Rectangle2D.Double(-3, -3, 6, 6));
        }
        plot.setRenderer(renderer);
        ValueMarker limit = new ValueMarker(LIMIT_MS, Color.GRAY, new BasicStroke(1f));
        limit.setLabel("a step whose p99 is over 1 s has fallen behind");
        limit.setLabelBackgroundColor(Color.WHITE);
        limit.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        limit.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(limit);
        return style(chart);
    }

    /** One bar per server in each of {@code groups} ({scenario, metric, category name}). */
    private JFreeChart cpu(String title, String axis, String done, String[][] groups) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (String[] group : groups) {
            for (String label : values.keySet()) {
                Double value = value(label, group[0], group[1]);
                if (value != null) {
                    dataset.addValue(value, label, group[2]);
                }
            }
        }
        if (dataset.getRowCount() == 0) {
            return null;
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, dataset);
        subtitle(chart, "the server's processes' user + system time over the phase, divided by what they " + done
                + "; lower is better");
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.15);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        renderer.setDefaultItemLabelsVisible(true);
        for (int i = 0; i < dataset.getRowCount(); i++) {
            renderer.setSeriesPaint(i, colour(dataset.getRowKey(i).toString()));
        }
        plot.setRenderer(renderer);
        return style(chart);
    }

    /** Share of the clients re-joined against the ms since the kill, from the {@code timeline:} rows. */
    private JFreeChart failover() {
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<String> labels = new ArrayList<>();
        for (String label : values.keySet()) {
            TreeMap<Integer, Double> timeline = new TreeMap<>();
            for (var row : values.get(label).entrySet()) {
                Matcher point = TIMELINE.matcher(row.getKey());
                if (row.getKey().startsWith("failover\t") && point.find() && row.getValue() >= 0) {
                    timeline.put(Integer.parseInt(point.group(1)), row.getValue());
                }
            }
            if (!timeline.isEmpty()) {
                Double clients = value(label, "failover", "clients");
                XYSeries series = new XYSeries(label + (clients == null ? "" : String.format(Locale.ROOT, " (%,.0f clients)", clients)), false);
                series.add(0, 0);
                timeline.forEach((percent, millis) -> series.add(millis, percent));
                dataset.addSeries(series);
                labels.add(label);
            }
        }
        if (labels.isEmpty()) {
            return null;
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Fail-over: clients re-joined after their node is killed",
                "ms since node A was killed (SIGKILL)", "clients re-joined on node B, %", dataset);
        subtitle(chart, "each client's re-join on the other node (its room joined again), every 5 %;"
                + " dotted: the room lists exactly the clients");
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 102);
        double last = DatasetUtils.findMaximumDomainValue(dataset).doubleValue();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < labels.size(); i++) {
            renderer.setSeriesPaint(i, colour(labels.get(i)));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            Double converged = value(labels.get(i), "failover", "ms until the room lists exactly the clients");
            if (converged != null) {
                ValueMarker marker = new ValueMarker(converged, colour(labels.get(i)), new BasicStroke(1f,
                        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
                marker.setLabel("room lists exactly the clients");
                marker.setLabelBackgroundColor(Color.WHITE);
                marker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
                marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
                plot.addDomainMarker(marker);
                last = Math.max(last, converged);
            }
        }
        plot.getDomainAxis().setRange(0, last * 1.05);
        plot.setRenderer(renderer);
        return style(chart);
    }

    /**
     * A logarithmic axis over {@code min..max} (at least a factor of 10, a margin each side) with its ticks at
     * 1, 2 and 5 times a power of ten, written out in full: LogAxis's own ticks are powers of ten or odd values.
     */
    private static LogAxis logAxis(String label, double min, double max) {
        LogAxis axis = new LogAxis(label) {
            @Override
            public List<ValueTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D area, RectangleEdge edge) {
                List<ValueTick> ticks = new ArrayList<>();
                boolean vertical = RectangleEdge.isLeftOrRight(edge);
                for (double decade = Math.pow(10, Math.floor(Math.log10(getLowerBound()))); decade <= getUpperBound();
                        decade *= 10) {
                    for (int times : new int[] {1, 2, 5}) {
                        double value = decade * times;
                        if (value >= getLowerBound() && value <= getUpperBound()) {
                            ticks.add(new NumberTick(value, TICK.format(value), vertical ? TextAnchor.CENTER_RIGHT
                                    : TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0.0));
                        }
                    }
                }
                return ticks;
            }
        };
        double low = min / 1.5;
        double high = max * 1.5;
        if (high / low < 10) {
            double middle = Math.sqrt(low * high);
            low = middle / Math.sqrt(10);
            high = middle * Math.sqrt(10);
        }
        axis.setAutoRange(false);
        axis.setRange(low, high);
        return axis;
    }

    private void subtitle(JFreeChart chart, String text) {
        chart.addSubtitle(new TextTitle("bench/results/" + run + ": " + text, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        Font axisLabel = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
            xy.getDomainAxis().setLabelFont(axisLabel);
            xy.getRangeAxis().setLabelFont(axisLabel);
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
            category.getDomainAxis().setTickLabelFont(axisLabel);
            category.getRangeAxis().setLabelFont(axisLabel);
        }
        return chart;
    }
}
