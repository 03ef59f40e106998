package io.streamsuite.recommendations.history;

import io.streamsuite.schemas.shop.UserInteraction;

/**
 * What the user side reads, merged into one stream so one processor (and its in-memory index) sees both: a user's
 * interaction (keyed by user) or an item's availability (keyed by item, sent to every partition). Never serialized.
 */
public sealed interface UserSideInput {

    /** A user acted on an item. */
    record Acted(UserInteraction interaction) implements UserSideInput {
    }

    /** The catalog changed an item: whether it may now be recommended (in the catalog and in stock). */
    record Availability(boolean recommendable) implements UserSideInput {
    }
}
