package io.streamsuite.recommendations;

import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.UserInteraction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Test data of the shop domain. */
public final class Shop {

    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final AtomicLong IDS = new AtomicLong();

    private Shop() {
    }

    public static Item item(String itemId, String category, boolean inStock) {
        return new Item(itemId, "Title of " + itemId, category, new BigDecimal("9.99"), List.of("tag"), inStock);
    }

    public static UserInteraction interaction(String userId, String itemId, InteractionType type, Instant at) {
        return new UserInteraction("ia-" + IDS.incrementAndGet(), userId, itemId, type,
                type == InteractionType.RATING ? 5 : null, at);
    }
}
