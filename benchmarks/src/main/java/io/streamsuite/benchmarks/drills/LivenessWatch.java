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

/** Polls a service's liveness every half second while a drill runs: any answer but 200 counts as DOWN. */
final class LivenessWatch implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicInteger down = new AtomicInteger();
    private final Thread thread;

    LivenessWatch(ServiceProcess service) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        thread = new Thread(() -> {
            while (running.get()) {
                int status;
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/livez"))
                            .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    status = -1;
                }
                checks.incrementAndGet();
                if (status != 200) {
                    down.incrementAndGet();
                }
                Processes.sleep(500);
            }
        }, "liveness-watch");
        thread.setDaemon(true);
        thread.start();
    }

    int checks() {
        return checks.get();
    }

    int down() {
        return down.get();
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
