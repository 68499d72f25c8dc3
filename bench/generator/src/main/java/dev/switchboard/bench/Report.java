package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the results file of one run as Markdown tables, one per scenario, the servers side by side, and
 * writes its charts beside the file ({@link Charts}):
 * {@code java -cp generator.jar dev.switchboard.bench.Report results.tsv > table.md}. The doubling steps
 * ({@code step …} rows) and the fail-over timeline ({@code timeline: …}) stay out of the tables: the charts
 * show them.
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        List<String> labels = new ArrayList<>();
        Map<String, Map<String, Map<String, String>>> byScenario = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] cells = line.split("\t");
            if (cells.length != 4 || cells[2].startsWith("step ") || cells[2].startsWith("timeline: ")) {
                continue;
            }
            if (!labels.contains(cells[0])) {
                labels.add(cells[0]);
            }
            byScenario.computeIfAbsent(cells[1], s -> new LinkedHashMap<>())
                    .computeIfAbsent(cells[2], m -> new LinkedHashMap<>()).put(cells[0], cells[3]);
        }
        StringBuilder out = new StringBuilder();
        for (var scenario : byScenario.entrySet()) {
            out.append("\n### ").append(scenario.getKey()).append("\n\n| metric |");
            labels.forEach(label -> out.append(' ').append(label).append(" |"));
            out.append("\n|---|");
            labels.forEach(label -> out.append("---:|"));
            out.append('\n');
            for (var metric : scenario.getValue().entrySet()) {
                out.append("| ").append(metric.getKey()).append(" |");
                for (String label : labels) {
                    String value = metric.getValue().get(label);
                    out.append(' ').append(value == null ? "–" : shorten(value)).append(" |");
                }
                out.append('\n');
            }
        }
        System.out.print(out);
        System.out.flush(); // the table first: it matters more than its pictures
        try {
            List<String> charts = Charts.write(Path.of(args[0]));
            if (!charts.isEmpty()) {
                StringBuilder links = new StringBuilder("\nCharts beside this table:");
                charts.forEach(chart -> links.append(" [").append(chart).append("](").append(chart).append(')'));
                System.out.println(links);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("Report: no charts: " + e);
        }
    }

    private static String shorten(String value) {
        double number = Double.parseDouble(value);
        if (number == Math.rint(number) && Math.abs(number) >= 1) {
            return String.format(Locale.ROOT, "%,d", (long) number);
        }
        return String.format(Locale.ROOT, Math.abs(number) >= 100 ? "%,.0f" : Math.abs(number) >= 10 ? "%.1f" : "%.2f", number);
    }
}
