package io.streamsuite.recommendations;

import io.streamsuite.recommendations.history.InteractionWeights;
import java.time.Duration;

/**
 * What the topology needs, built from {@link RecommendationProperties} (or its defaults in tests), so the
 * topology is a plain function of it.
 *
 * @param historySize       recent distinct items kept per user (pairs are formed within them)
 * @param purchasedSize     most recent purchases kept per user, never recommended back
 * @param relatedSize       related items kept per item (M)
 * @param halfLife          co-occurrence weights halve after this much event time
 * @param pairFlushEvery    how long (wall clock) a task holds its pair batches, merged per target item, before
 *                          sending them to the related items; zero: each interaction's are sent at once
 * @param recommendations   items published per user (K)
 * @param candidates        candidates offered per user, whatever their stock (at least K, so an item going
 *                          out of stock leaves the next best in its place)
 * @param rescoreThreshold  relative score change below which a candidate keeps the score it was offered with
 * @param refreshEvery      how often (wall clock) a task re-scores some of its users from the related items as
 *                          they are now, so a user who acted before the co-occurrences were learned catches up
 *                          without acting again; zero: never
 * @param refreshBatch      most users a task re-scores per refresh (a cursor walks the history store)
 * @param conversionWithin  a purchase converts views of the same item at most this long before it
 * @param conversionWindow  tumbling window of the conversion counts
 * @param trendingWindow    hopping window size of trending
 * @param trendingAdvance   hop of trending
 * @param trendingSize      items per category and window (K)
 * @param grace             how late an interaction may be and still count in its windows and joins
 * @param windowRetention   how long windowed results stay queryable
 */
public record RecommendationSettings(InteractionWeights weights, int historySize, int purchasedSize, int relatedSize,
                                     Duration halfLife, Duration pairFlushEvery, int recommendations, int candidates, double rescoreThreshold,
                                     Duration refreshEvery, int refreshBatch,
                                     Duration conversionWithin, Duration conversionWindow, Duration trendingWindow,
                                     Duration trendingAdvance, int trendingSize, Duration grace, Duration windowRetention) {

    public RecommendationSettings {
        if (historySize < 2 || purchasedSize < 1 || relatedSize < 1 || recommendations < 1 || trendingSize < 1) {
            throw new IllegalArgumentException("recommendations.*: history size >= 2, other sizes >= 1");
        }
        if (pairFlushEvery.isNegative()) {
            throw new IllegalArgumentException("recommendations.co-occurrence.flush-every >= 0");
        }
        if (refreshEvery.isNegative() || refreshBatch < 1) {
            throw new IllegalArgumentException("recommendations.recommend.refresh-every >= 0, refresh-batch >= 1");
        }
        if (candidates < recommendations) {
            throw new IllegalArgumentException("recommendations.recommend.candidates must be at least recommend.size");
        }
        if (trendingAdvance.isZero() || trendingAdvance.isNegative()
                || trendingWindow.toMillis() % trendingAdvance.toMillis() != 0) {
            throw new IllegalArgumentException("recommendations.trending.window must be a multiple of trending.advance");
        }
        if (windowRetention.compareTo(conversionWindow.plus(grace)) < 0
                || windowRetention.compareTo(trendingWindow.plus(grace)) < 0) {
            throw new IllegalArgumentException("recommendations.window-retention must cover each window plus its grace");
        }
    }

    public static RecommendationSettings defaults() {
        return new RecommendationProperties().toSettings();
    }
}
