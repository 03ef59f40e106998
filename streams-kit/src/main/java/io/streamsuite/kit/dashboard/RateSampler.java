package io.streamsuite.kit.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Turns the record counters into per-second rates once a second and keeps the last two minutes,
 * so a page opened now shows a history at once and every viewer sees the same figures.
 */
public class RateSampler implements AutoCloseable {

    static final int POINTS = 120;

    private record Point(long epochSecond, double inPerSecond, double outPerSecond, double p50, double p99) {
    }

    private final RecordFlow flow;
    private final LongSupplier clock;
    private final Deque<Point> points = new ArrayDeque<>();
    private final ScheduledExecutorService executor;
    private long lastIn;
    private long lastOut;
    private long lastMillis;

    public RateSampler(RecordFlow flow) {
        this(flow, System::currentTimeMillis, true);
    }

    RateSampler(RecordFlow flow, LongSupplier clock, boolean scheduled) {
        this.flow = flow;
        this.clock = clock;
        this.lastIn = flow.recordsIn();
        this.lastOut = flow.recordsOut();
        this.lastMillis = clock.getAsLong();
        if (scheduled) {
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "dashboard-rate-sampler");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        } else {
            executor = null;
        }
    }

    synchronized void sample() {
        long now = clock.getAsLong();
        long in = flow.recordsIn();
        long out = flow.recordsOut();
        double seconds = Math.max(0.001, (now - lastMillis) / 1000.0);
        double[] latency = flow.latencyPercentilesMillis();
        points.addLast(new Point(now / 1000, round((in - lastIn) / seconds), round((out - lastOut) / seconds),
                latency[0], latency[1]));
        while (points.size() > POINTS) {
            points.removeFirst();
        }
        lastIn = in;
        lastOut = out;
        lastMillis = now;
    }

    public synchronized DashboardSnapshot.Series series() {
        List<Long> time = new ArrayList<>(points.size());
        List<Double> in = new ArrayList<>(points.size());
        List<Double> out = new ArrayList<>(points.size());
        List<Double> p50 = new ArrayList<>(points.size());
        List<Double> p99 = new ArrayList<>(points.size());
        for (Point point : points) {
            time.add(point.epochSecond());
            in.add(point.inPerSecond());
            out.add(point.outPerSecond());
            p50.add(Double.isNaN(point.p50()) ? null : round(point.p50()));
            p99.add(Double.isNaN(point.p99()) ? null : round(point.p99()));
        }
        return new DashboardSnapshot.Series(time, in, out, p50, p99);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
