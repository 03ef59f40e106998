package io.streamsuite.iot.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.stats.TrendWindow;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftPredictorTest {

    private static final long MINUTE = 60_000;
    private final DriftPredictor predictor = new DriftPredictor(120, 20, 30 * MINUTE, 4);

    @Test
    void aRisingSeriesPredictsItsCrossingOnceItIsWithinTheHorizon() {
        TrendWindow points = predictor.emptyWindow();
        // 0.1 a minute from 20: reaches 30 at minute 100.
        for (int minute = 0; minute < 60; minute++) {
            points = points.add(minute * MINUTE, 20 + 0.1 * minute);
        }
        assertThat(predictor.predictedCrossing(points, 30, 59 * MINUTE)).as("41 minutes ahead").isEmpty();
        for (int minute = 60; minute < 75; minute++) {
            points = points.add(minute * MINUTE, 20 + 0.1 * minute);
        }
        OptionalLong crossing = predictor.predictedCrossing(points, 30, 74 * MINUTE);
        assertThat(crossing).isPresent();
        assertThat(crossing.getAsLong()).isBetween(99 * MINUTE, 101 * MINUTE);
    }

    @Test
    void noiseAroundAFlatLevelNeverLooksLikeDrift() {
        SplittableRandom noise = new SplittableRandom(5);
        TrendWindow points = predictor.emptyWindow();
        for (int i = 0; i < 5_000; i++) {
            long at = i * 5_000L;
            points = points.add(at, 22.5 + noise.nextGaussian() * 0.75);
            assertThat(predictor.predictedCrossing(points, 30, at)).as("reading %d", i).isEmpty();
        }
    }

    @Test
    void tooFewPointsPredictNothing() {
        TrendWindow points = predictor.emptyWindow();
        for (int minute = 0; minute < 19; minute++) {
            points = points.add(minute * MINUTE, 29 + 0.05 * minute);
        }
        assertThat(predictor.predictedCrossing(points, 30, 18 * MINUTE)).isEmpty();
    }
}
