package io.streamsuite.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * The suite overview page of {@code ./run-local}: every part of the suite with its state and, for
 * a service, its readiness, Streams state and liveness and a link to its dashboard. Rendered on the server (the states come from the launcher,
 * which already probes every process), refreshed by the browser every two seconds, no script.
 */
public final class SuiteOverview implements AutoCloseable {

    /**
     * One line of the page: {@code state} is readiness for a service, {@code streamsState} and {@code liveness}
     * are empty for parts that are no Streams application. {@code url} (shown) and {@code link} (followed, e.g.
     * with the development token in its fragment) are null for parts without a page (the broker).
     */
    public record Part(String name, String state, String streamsState, String liveness, String url, String link) {

        public Part(String name, String state, String url) {
            this(name, state, "", "", url, url);
        }
    }

    private final HttpServer server;

    private SuiteOverview(HttpServer server) {
        this.server = server;
    }

    public static SuiteOverview start(int port, Supplier<List<Part>> parts) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
            server.createContext("/", exchange -> {
                boolean root = exchange.getRequestURI().getPath().equals("/");
                byte[] body = (root ? page(parts.get()) : "not found").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", root ? "text/html; charset=utf-8" : "text/plain");
                exchange.sendResponseHeaders(root ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new SuiteOverview(server);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve the suite overview on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    static String page(List<Part> parts) {
        StringBuilder rows = new StringBuilder();
        for (Part part : parts) {
            String name = part.link() == null ? escape(part.name())
                    : "<a href=\"" + escape(part.link()) + "\">" + escape(part.name()) + "</a>";
            rows.append("<tr><td>").append(name).append("</td>")
                    .append(cell(part.state(), part.state().startsWith("UP") || part.state().startsWith("READY")
                            || part.state().startsWith("running") ? "ok" : "bad"))
                    .append(cell(part.streamsState(), switch (part.streamsState()) {
                        case "RUNNING" -> "ok";
                        case "", "CREATED", "REBALANCING" -> "wait";
                        default -> "bad";
                    }))
                    .append(cell(part.liveness(), part.liveness().isEmpty() || part.liveness().equals("UP") ? "ok" : "bad"))
                    .append("<td>")
                    .append(part.url() == null ? "" : "<a href=\"" + escape(part.link()) + "\">" + escape(part.url()) + "</a>")
                    .append("</td></tr>\n");
        }
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
                <title>streamsuite · local stack</title><link rel="icon" href="data:,">
                <style>body{font:14px system-ui,sans-serif;margin:24px;color:#1d2433}table{border-collapse:collapse}
                td,th{padding:6px 14px;border-bottom:1px solid #e4e7ec;text-align:left}.ok{color:#2b8a3e;font-weight:600}
                .wait{color:#e67700;font-weight:600}.bad{color:#c92a2a;font-weight:600}small{color:#667085}</style></head>
                <body><h1>streamsuite: the local stack</h1>
                <table><thead><tr><th>part</th><th>ready</th><th>Streams</th><th>liveness</th><th>page</th></tr></thead><tbody>
                %s</tbody></table><p><small>as of %s; refreshes every 2 s. A service's links open its live dashboard
                with this run's development token.</small></p></body></html>
                """.formatted(rows, LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String cell(String text, String cssClass) {
        return "<td class=\"" + cssClass + "\">" + escape(text) + "</td>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
