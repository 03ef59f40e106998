package io.streamsuite.recommendations.conversion;

import io.streamsuite.schemas.shop.ItemConversion;
import java.time.Instant;

/** Folds funnel steps into an item's {@link ItemConversion} of one window (its bounds are set on the way out). */
public final class ConversionCounts {

    private ConversionCounts() {
    }

    public static ItemConversion empty() {
        return new ItemConversion("", Instant.EPOCH, Instant.EPOCH, 0L, 0L, 0.0);
    }

    public static ItemConversion add(String itemId, Funnel step, ItemConversion counts) {
        long views = counts.getViews() + (step == Funnel.VIEW ? 1 : 0);
        long converted = counts.getConvertedPurchases() + (step == Funnel.CONVERSION ? 1 : 0);
        return new ItemConversion(itemId, counts.getWindowStart(), counts.getWindowEnd(), views, converted,
                rate(views, converted));
    }

    /** Converted purchases per view, capped at 1: a purchase may convert a view of the previous window. */
    public static double rate(long views, long converted) {
        return views == 0 ? (converted > 0 ? 1.0 : 0.0) : Math.min(1.0, (double) converted / views);
    }

    public static ItemConversion inWindow(ItemConversion counts, Instant start, Instant end) {
        return new ItemConversion(counts.getItemId(), start, end, counts.getViews(), counts.getConvertedPurchases(),
                counts.getRate());
    }
}
