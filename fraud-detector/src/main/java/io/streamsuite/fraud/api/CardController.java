package io.streamsuite.fraud.api;

import io.streamsuite.fraud.FraudSettings;
import io.streamsuite.fraud.FraudTopics;
import io.streamsuite.fraud.card.CardState;
import io.streamsuite.fraud.card.CardToken;
import io.streamsuite.fraud.rules.Velocity;
import io.streamsuite.kit.json.AvroJson;
import io.streamsuite.kit.query.InvalidQueryException;
import io.streamsuite.kit.query.KeyNotFoundException;
import io.streamsuite.kit.query.RoutingKey;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.streamsuite.kit.query.QueryRange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A card's risk and velocity, asked for by POST with the card number in the body, so it never lands in
 * a URL, an access log or a proxy's log. The number is turned into its token at once; the
 * stores, the forwarded request to the owning instance and every answer know only the token. The
 * stores are keyed by the token but partitioned by the card number (the input topic's key), so
 * lookups route by the card number's serialized key, as the card network's producer partitioned it.
 */
@RestController
@StoreQueryApi
@RequestMapping("/api/cards")
@Tag(name = "Cards", description = "Risk profile and transaction velocity of one card")
public class CardController {

    private static final Duration DEFAULT_VELOCITY_RANGE = Duration.ofMinutes(10);

    private final StoreQueryService queries;
    private final CardToken cardToken;
    private final Velocity velocity;

    public CardController(StoreQueryService queries, FraudSettings settings) {
        this.queries = queries;
        this.cardToken = settings.cardToken();
        this.velocity = settings.velocity();
    }

    @PostMapping("/risk")
    @Operation(summary = "Risk profile of a card",
            description = "Last score, alert count and status (ACTIVE, or BLOCKED once a score reached the block threshold). "
                    + "Answered by any instance: the query goes to the instance owning the card.")
    @ApiResponse(responseCode = "200", description = "The card's CardRiskProfile, with its token and last four digits only")
    @ApiResponse(responseCode = "400", description = "No body, or a cardNumber that is not 12 to 19 digits")
    @ApiResponse(responseCode = "404", description = "No transaction of this card was seen")
    @ApiResponse(responseCode = "503", description = "The card's store is restoring or rebalancing; retry after Retry-After")
    public JsonNode risk(@RequestBody(required = false) CardLookup lookup) {
        String cardId = cardNumberOf(lookup);
        String token = cardToken.tokenOf(cardId);
        return queries.get(FraudTopics.CARD_RISK_STORE, token, routingKey(cardId))
                .map(StoreEntry::value)
                .orElseThrow(() -> new KeyNotFoundException(FraudTopics.CARD_RISK_STORE, token));
    }

    @PostMapping("/velocity")
    @Operation(summary = "Transaction counts of a card per hopping window",
            description = "Windows (fraud.velocity.window long, advancing by fraud.velocity.advance) starting between from and to, "
                    + "with at least one transaction. from and to are ISO-8601 instants; by default the last 10 minutes.")
    @ApiResponse(responseCode = "200", description = "The card's windows and their counts")
    @ApiResponse(responseCode = "400", description = "Malformed card number or time, from after to, or a range longer than the retention")
    @ApiResponse(responseCode = "503", description = "The card's store is restoring or rebalancing; retry after Retry-After")
    public VelocityView velocity(@RequestBody(required = false) CardLookup lookup) {
        String cardId = cardNumberOf(lookup);
        String token = cardToken.tokenOf(cardId);
        // Years 1970 to 9999: the window sums below add a window to these times without overflowing.
        QueryRange range = QueryRange.parse(lookup.from(), lookup.to(), DEFAULT_VELOCITY_RANGE,
                Duration.ofMillis(velocity.retention()), "fraud.velocity.retention");
        Instant start = range.from();
        Instant end = range.to();
        // The card's own state holds its slot counts (the view shows nothing else of it); none yet: no windows.
        TreeMap<Long, Long> slots = new TreeMap<>();
        queries.get(FraudTopics.CARD_STATE_STORE, token, routingKey(cardId)).ifPresent(state -> {
            for (JsonNode slot : state.value().path(CardState.VIEW_SLOTS)) {
                slots.put(AvroJson.parseInstant(slot.path(CardState.VIEW_SLOT_START).asString()).toEpochMilli(),
                        slot.path(CardState.VIEW_SLOT_COUNT).asLong());
            }
        });
        List<VelocityView.Window> windows = velocity.windows(start.toEpochMilli(), end.toEpochMilli(), slots).stream()
                .map(w -> new VelocityView.Window(Instant.ofEpochMilli(w.start()), Instant.ofEpochMilli(w.end()), w.count()))
                .toList();
        return new VelocityView(token, CardToken.last4(cardId), start, end, Duration.ofMillis(velocity.window()),
                Duration.ofMillis(velocity.advance()), windows);
    }

    private static String cardNumberOf(CardLookup lookup) {
        if (lookup == null || !CardToken.isCardNumber(lookup.cardNumber())) {
            throw new InvalidQueryException("send {\"cardNumber\": \"<12 to 19 digits>\"} as the JSON body");
        }
        return lookup.cardNumber();
    }

    /** The input topic's key bytes: the card number through Kafka's StringSerializer (UTF-8). */
    private static RoutingKey routingKey(String cardId) {
        return RoutingKey.of(cardId.getBytes(StandardCharsets.UTF_8));
    }
}
