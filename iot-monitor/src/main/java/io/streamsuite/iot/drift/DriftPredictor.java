package io.streamsuite.iot.drift;

import io.streamsuite.kit.stats.TrendWindow;
import io.streamsuite.kit.stats.TrendWindow.Trend;
import java.util.OptionalLong;

/**
 * Predictive maintenance: a least-squares line through a sensor's last readings, and the time it
 * reaches the registered max. A DRIFT is due when that time lies within {@code horizonMs} ahead.
 * Noise alone must not look like drift, so the slope has to be at least {@code confidence} standard
 * errors above zero and the line fitted through at least {@code minPoints} readings.
 */
public final class DriftPredictor {

    private final int window;
    private final int minPoints;
    private final long horizonMs;
    private final double confidence;

    public DriftPredictor(int window, int minPoints, long horizonMs, double confidence) {
        if (minPoints < 3 || window < minPoints || horizonMs <= 0 || confidence < 0) {
            throw new IllegalArgumentException("drift needs 3 <= min-points <= window, a positive horizon and confidence >= 0");
        }
        this.window = window;
        this.minPoints = minPoints;
        this.horizonMs = horizonMs;
        this.confidence = confidence;
    }

    public TrendWindow emptyWindow() {
        return TrendWindow.empty(window);
    }

    /** When the trend will cross {@code max}, if that is after {@code now} and within the horizon; empty otherwise. */
    public OptionalLong predictedCrossing(TrendWindow points, double max, long now) {
        if (points.size() < minPoints) {
            return OptionalLong.empty();
        }
        Trend trend = points.fit();
        if (trend == null || !trend.risingSignificantly(confidence)) {
            return OptionalLong.empty();
        }
        OptionalLong crossing = trend.timeReaching(max);
        if (crossing.isEmpty() || crossing.getAsLong() <= now || crossing.getAsLong() - now > horizonMs) {
            return OptionalLong.empty();
        }
        return crossing;
    }

    public long horizonMs() {
        return horizonMs;
    }
}
