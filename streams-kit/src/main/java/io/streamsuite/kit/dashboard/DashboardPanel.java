package io.streamsuite.kit.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A service's own dashboard panel, declared as data: a title, a GET query the service already
 * answers (an {@code /api/...} path, fetched by the page with the user's token once a second) and
 * how to draw its answer. Fields are JSON Pointers (RFC 6901): {@code rows} finds the list in the
 * answer, the others are read from each row.
 *
 * <pre>{@code
 * @Bean DashboardPanel recentAlerts() {
 *     return DashboardPanel.table("Recent alerts", "/api/alerts?limit=10", "/items")
 *             .column("Card", "/cardLast4").column("Score", "/score");
 * }
 * @Bean DashboardPanel riskiestCards() {
 *     return DashboardPanel.bar("Riskiest cards", "/api/stores/fraud.card-risk/keys?limit=1000", "/items")
 *             .label("/value/cardLast4").value("Alerts", "/value/alertCount").top(10);
 * }
 * }</pre>
 *
 * @param chart   TABLE: one line per row, one cell per column. BAR: one bar per row, {@code label}
 *                names it, the first column is its length. LINE: {@code label} is the x value
 *                (epoch ms or an ISO-8601 instant), each column a line.
 * @param sortBy  a field to order rows by, largest first, before {@code top} keeps the first rows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardPanel(String title, String query, Chart chart, String rows, String label,
                             List<Column> columns, String sortBy, Integer top) {

    public enum Chart { TABLE, BAR, LINE }

    /**
     * A value to show: its heading and where it is in a row. When the value is a list of records,
     * {@code parts} (pointers into each element) say what to show of each: the first part, then
     * the others in brackets, e.g. {@code /page}, {@code /views} shows "/home (12), /about (3)".
     */
    public record Column(String label, String field, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> parts) {
        public Column {
            Objects.requireNonNull(label, "label");
            requirePointer(field);
            parts = List.copyOf(parts == null ? List.of() : parts);
            parts.forEach(DashboardPanel::requirePointer);
        }

        public Column(String label, String field) {
            this(label, field, List.of());
        }
    }

    public DashboardPanel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(chart, "chart");
        if (query == null || !query.startsWith("/") || query.startsWith("//")) {
            throw new IllegalArgumentException("a panel's query is a path of this service, e.g. /api/...: " + query);
        }
        rows = rows == null ? "" : requirePointer(rows);
        if (label != null) {
            requirePointer(label);
        }
        if (sortBy != null) {
            requirePointer(sortBy);
        }
        if (top != null && top < 1) {
            throw new IllegalArgumentException("top must be at least 1");
        }
        columns = List.copyOf(columns == null ? List.of() : columns);
    }

    public static DashboardPanel table(String title, String query, String rows) {
        return new DashboardPanel(title, query, Chart.TABLE, rows, null, List.of(), null, null);
    }

    public static DashboardPanel bar(String title, String query, String rows) {
        return new DashboardPanel(title, query, Chart.BAR, rows, null, List.of(), null, null);
    }

    public static DashboardPanel line(String title, String query, String rows) {
        return new DashboardPanel(title, query, Chart.LINE, rows, null, List.of(), null, null);
    }

    public DashboardPanel column(String heading, String field) {
        return column(heading, field, new String[0]);
    }

    /** A column whose value is a list of records, each shown by {@code parts}: see {@link Column}. */
    public DashboardPanel column(String heading, String field, String... parts) {
        List<Column> more = new ArrayList<>(columns);
        more.add(new Column(heading, field, List.of(parts)));
        return new DashboardPanel(title, query, chart, rows, label, more, sortBy, top);
    }

    /** A bar's value or a line's series; same as {@link #column}. */
    public DashboardPanel value(String heading, String field) {
        return column(heading, field);
    }

    public DashboardPanel label(String field) {
        return new DashboardPanel(title, query, chart, rows, field, columns, sortBy, top);
    }

    public DashboardPanel sortedBy(String field) {
        return new DashboardPanel(title, query, chart, rows, label, columns, field, top);
    }

    public DashboardPanel top(int count) {
        return new DashboardPanel(title, query, chart, rows, label, columns, sortBy, count);
    }

    private static String requirePointer(String pointer) {
        if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
            throw new IllegalArgumentException("a field is a JSON Pointer such as /items or /value/score: " + pointer);
        }
        return pointer;
    }
}
