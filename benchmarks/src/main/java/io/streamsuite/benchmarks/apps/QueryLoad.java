package io.streamsuite.benchmarks.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The query load generator, run as its own JVM so it does not share a heap or JIT with the service: a fixed number
 * of threads, each sending requests back to back (closed loop) over the lines of a file for a warm-up, then a
 * measured period. A line is a URL (a GET) or a URL, a space and a JSON body (a POST); the environment's
 * {@code QUERY_LOAD_AUTHORIZATION} goes in every request's {@code Authorization} header. Prints one line:
 * {@code RESULT requests=… errors=… seconds=… rps=… p50_ms=… p99_ms=… max_ms=… all=…} (all: answered requests,
 * warm-up included).
 * Arguments: requestsFile concurrency warmupSeconds seconds.
 */
public final class QueryLoad {

    private QueryLoad() {
    }

    public static void main(String[] args) throws Exception {
        List<HttpRequest> urls = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank())
                .map(QueryLoad::request).toList();
        int concurrency = Integer.parseInt(args[1]);
        long warmupNanos = Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
        long measureNanos = Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        AtomicLong sentInAll = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            // 1M samples a thread (8 MB): enough for 30 s at any rate this machine reaches, within a 512 MB heap.
            long[] latencies = new long[1 << 20];
            int[] count = new int[1];
            perThread.add(latencies);
            counts.add(count);
            int offset = t;
            Thread thread = new Thread(() -> {
                int i = offset;
                while (!stop.get()) {
                    HttpRequest request = urls.get(i++ % urls.size());
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - start;
                    sentInAll.incrementAndGet();
                    if (measuring.get()) {
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                        if (count[0] < latencies.length) {
                            latencies[count[0]++] = took;
                        }
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(warmupNanos / 1_000_000);
        measuring.set(true);
        long begin = System.nanoTime();
        Thread.sleep(measureNanos / 1_000_000);
        measuring.set(false);
        double seconds = (System.nanoTime() - begin) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < perThread.size(); t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts.get(t)[0]);
            at += counts.get(t)[0];
        }
        Arrays.sort(all);
        System.out.println(String.format(Locale.ROOT,
                "RESULT requests=%d errors=%d seconds=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f all=%d",
                total, errors.get(), seconds, total / seconds, pct(all, 0.50), pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, sentInAll.get()));
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static HttpRequest request(String line) {
        int space = line.indexOf(' ');
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(space < 0 ? line : line.substring(0, space)))
                .timeout(Duration.ofSeconds(10));
        if (space < 0) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(line.substring(space + 1)));
        }
        String authorization = System.getenv("QUERY_LOAD_AUTHORIZATION");
        if (authorization != null && !authorization.isBlank()) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }
}
