package io.streamsuite.fraud.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a card lookup: the number travels here, never in the URL. */
public record CardLookup(
        @Schema(description = "Card number, 12 to 19 digits", example = "4000001111111111") String cardNumber,
        @Schema(description = "Velocity only: earliest window start, ISO-8601") String from,
        @Schema(description = "Velocity only: latest window start, ISO-8601") String to) {

    /** Never the number in a log line or an exception message. */
    @Override
    public String toString() {
        return "CardLookup[cardNumber=****" + (cardNumber == null || cardNumber.length() < 4 ? "" : cardNumber.substring(cardNumber.length() - 4))
                + ", from=" + from + ", to=" + to + "]";
    }
}
