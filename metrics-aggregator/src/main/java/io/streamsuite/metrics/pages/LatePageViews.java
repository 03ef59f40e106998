package io.streamsuite.metrics.pages;

import io.streamsuite.kit.window.Late;
import io.streamsuite.schemas.web.LatePageView;
import java.time.Instant;

/** A page view that missed its window, as published on analytics.late-page-views for a batch correction. */
public final class LatePageViews {

    private LatePageViews() {
    }

    public static LatePageView of(String page, Late<PageHit> late) {
        PageHit hit = late.value();
        return LatePageView.newBuilder()
                .setEventId(hit.eventId())
                .setUserId(hit.userId())
                .setPage(page)
                .setHttpStatus(hit.httpStatus())
                .setLatencyMs(hit.latencyMs())
                .setEventTime(Instant.ofEpochMilli(hit.eventTime()))
                .setWindowStart(Instant.ofEpochMilli(late.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(late.windowEnd()))
                .setStreamTime(Instant.ofEpochMilli(late.streamTime()))
                .build();
    }
}
