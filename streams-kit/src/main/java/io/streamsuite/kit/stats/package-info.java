/**
 * Rolling statistics that travel in state-store values: {@link io.streamsuite.kit.stats.Ewma} (exponentially
 * weighted mean and variance after a warm-up), {@link io.streamsuite.kit.stats.Summary} (count, min, max, mean)
 * and {@link io.streamsuite.kit.stats.TrendWindow} (the last N points and their least-squares line). Each has a
 * compact fixed binary layout ({@code writeTo}/{@code readFrom}, to compose into a larger value) and a
 * {@code SERDE} of its own. {@link io.streamsuite.kit.stats.TrendChunks} stores a trend window rewritten with
 * every point as a small head plus chunks written once each.
 */
package io.streamsuite.kit.stats;
