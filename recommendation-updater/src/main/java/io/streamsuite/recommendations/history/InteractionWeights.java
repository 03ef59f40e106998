package io.streamsuite.recommendations.history;

import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.UserInteraction;

/**
 * How much an interaction says about a user's interest: purchase > cart > view; a rating of at least
 * {@code highRatingFrom} stars counts like a purchase, a lower one like a view; unknown kinds say nothing.
 */
public record InteractionWeights(double view, double cart, double purchase, int highRatingFrom) {

    public InteractionWeights {
        if (!(view > 0 && cart >= view && purchase >= cart)) {
            throw new IllegalArgumentException("weights must satisfy 0 < view <= cart <= purchase");
        }
    }

    public double of(UserInteraction interaction) {
        InteractionType type = interaction.getType();
        if (type == null) {
            return 0;
        }
        return switch (type) {
            case VIEW -> view;
            case CART -> cart;
            case PURCHASE -> purchase;
            case RATING -> interaction.getRating() != null && interaction.getRating() >= highRatingFrom ? purchase : view;
            default -> 0;
        };
    }
}
