package io.streamsuite.fraud.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A card's hopping-window counts, as {@code GET /api/cards/{cardId}/velocity} answers. */
public record VelocityView(String cardToken, String cardLast4, Instant from, Instant to, Duration window, Duration advance,
                           List<Window> windows) {

    /** One window [start, end) and the card's transactions in it. */
    public record Window(Instant start, Instant end, long count) {
    }
}
