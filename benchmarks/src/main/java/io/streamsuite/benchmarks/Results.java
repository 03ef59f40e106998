package io.streamsuite.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's figures: printed as a table, written as Markdown and as an HTML page with inline SVG bars (no scripts),
 * each figure beside its same-run baseline.
 */
public final class Results {

    private final String title;
    private final Map<String, String> facts;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Results(String title, Map<String, String> facts) {
        this.title = title;
        this.facts = facts;
    }

    public void setting(String name, Object value) {
        settings.put(name, String.valueOf(value));
    }

    public void add(Row row) {
        rows.add(row);
        System.out.println("  " + line(row));
    }

    public void addAll(List<Row> more) {
        more.forEach(this::add);
    }

    public void note(String note) {
        notes.add(note);
        System.out.println("  note: " + note);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public boolean anyMissed() {
        return rows.stream().anyMatch(r -> Boolean.FALSE.equals(r.met()));
    }

    private static String line(Row row) {
        return String.format(Locale.ROOT, "%s | %s: %s %s | %s %s | ratio %s %s %s | load %s", row.section(), row.figure(),
                Row.format(row.value()), row.unit(), row.baselineName(), Row.format(row.baseline()), ratio(row),
                nullToEmpty(row.target()), row.verdict(), load(row)).replaceAll(" +", " ");
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-22s %-46s %14s %-7s %-34s %14s %8s  %-16s %-7s %s%n",
                "section", "figure", "value", "unit", "baseline (same run)", "baseline", "ratio", "target", "verdict", "load"));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "%-22s %-46s %14s %-7s %-34s %14s %8s  %-16s %-7s %s%n",
                    row.section(), row.figure(), Row.format(row.value()), row.unit(), row.baselineName(),
                    Row.format(row.baseline()), ratio(row), nullToEmpty(row.target()), row.verdict(), load(row)));
        }
        return out.toString();
    }

    public void write(Path markdown, Path html) {
        try {
            Files.createDirectories(markdown.toAbsolutePath().getParent());
            Files.writeString(markdown, markdown());
            Files.writeString(html, html());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write results", e);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# " + title + "\n\n## Machine\n\n| fact | value |\n|---|---|\n");
        facts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        if (!settings.isEmpty()) {
            md.append("\n## Settings\n\n| setting | value |\n|---|---|\n");
            settings.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        }
        md.append("\n## Figures\n\nEvery figure beside its baseline from the same run; ratio = figure / baseline.\n\n")
                .append("Load = the machine's 1-minute load average (2 cores, shared) when the figure was taken.\n\n")
                .append("| section | figure | value | unit | baseline (same run) | baseline | ratio | target | verdict | load |\n")
                .append("|---|---|---:|---|---|---:|---:|---|---|---:|\n");
        for (Row row : rows) {
            md.append("| ").append(row.section()).append(" | ").append(row.figure()).append(" | ")
                    .append(Row.format(row.value())).append(" | ").append(row.unit()).append(" | ")
                    .append(row.baselineName()).append(" | ").append(Row.format(row.baseline())).append(" | ")
                    .append(ratio(row)).append(" | ").append(nullToEmpty(row.target())).append(" | ")
                    .append(row.verdict().isEmpty() ? "" : "**" + row.verdict() + "**").append(" | ").append(load(row)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    /** One horizontal bar pair per figure that has a baseline in the same unit: figure against baseline. */
    String html() {
        List<Row> charted = rows.stream().filter(r -> !Double.isNaN(r.baseline()) && r.baseline() > 0 && r.value() >= 0).toList();
        int barHeight = 16;
        int block = barHeight * 2 + 30;
        int width = 900;
        int labelWidth = 360;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(charted.size() * block + 20).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        int y = 10;
        for (Row row : charted) {
            double max = Math.max(row.value(), row.baseline());
            double scale = (width - labelWidth - 120) / max;
            svg.append(text(8, y + 12, escape(row.section() + ": " + row.figure() + " (" + row.unit() + ")"), "bold"));
            bar(svg, labelWidth, y + 14, row.value() * scale, barHeight, "#2b6cb0",
                    Row.format(row.value()) + (row.verdict().isEmpty() ? "" : "  " + row.verdict()));
            svg.append(text(labelWidth - 8, y + 14 + barHeight - 4, "this", "end"));
            bar(svg, labelWidth, y + 14 + barHeight + 2, row.baseline() * scale, barHeight, "#a0aec0",
                    Row.format(row.baseline()) + "  (ratio " + ratio(row) + ")");
            svg.append(text(labelWidth - 8, y + 14 + 2 * barHeight - 2, escape(row.baselineName()), "end"));
            y += block;
        }
        svg.append("</svg>\n");
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}</style></head><body>\n"
                + "<h1>" + escape(title) + "</h1>\n<p>" + escape(String.join(" · ", facts.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList())) + "</p>\n"
                + "<p>Blue: the figure. Grey: its baseline from the same run.</p>\n" + svg
                + "<pre>" + escape(table()) + "</pre>\n</body></html>\n";
    }

    private static String load(Row row) {
        return Double.isNaN(row.load()) || row.load() < 0 ? "" : String.format(Locale.ROOT, "%.2f", row.load());
    }

    private static void bar(StringBuilder svg, int x, int y, double length, int height, String colour, String label) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                x, y, Math.max(1, length), height, colour));
        svg.append(text((int) (x + Math.max(1, length) + 6), y + height - 4, escape(label), "start"));
    }

    private static String text(int x, int y, String content, String anchorOrWeight) {
        String attr = "bold".equals(anchorOrWeight) ? "font-weight=\"bold\"" : "text-anchor=\"" + anchorOrWeight + "\"";
        return "<text x=\"" + x + "\" y=\"" + y + "\" " + attr + ">" + content + "</text>\n";
    }

    private static String ratio(Row row) {
        double ratio = row.ratio();
        return Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
