package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.Processes;
import io.streamsuite.localstack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls one path of a service every half second while a drill runs, counting 200s, 503s and any other answer
 * (no answer at all counts as other): liveness must stay 200, queries must keep answering.
 */
final class StatusWatch implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Thread thread;

    private StatusWatch(ServiceProcess service, String path) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        thread = new Thread(() -> {
            while (running.get()) {
                int status;
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                            .header("Authorization", service.authorization()).timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    status = -1;
                }
                checks.incrementAndGet();
                if (status == 200) {
                    ok.incrementAndGet();
                } else if (status == 503) {
                    unavailable.incrementAndGet();
                } else if (status == -1) {
                    unanswered.incrementAndGet();
                }
                Processes.sleep(500);
            }
        }, "status-watch " + path);
        thread.setDaemon(true);
        thread.start();
    }

    static StatusWatch liveness(ServiceProcess service) {
        return new StatusWatch(service, "/livez");
    }

    static StatusWatch of(ServiceProcess service, String path) {
        return new StatusWatch(service, path);
    }

    int checks() {
        return checks.get();
    }

    /** Every answer but a 200. */
    int down() {
        return checks.get() - ok.get();
    }

    int unavailable() {
        return unavailable.get();
    }

    /** No answer within 3 s (a slow machine, or a service that hangs). */
    int unanswered() {
        return unanswered.get();
    }

    /** An answer neither 200 nor 503: a 5xx or a 4xx. */
    int other() {
        return checks.get() - ok.get() - unavailable.get() - unanswered.get();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
