package io.streamsuite.simulator.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.simulator.event.GeneratorSettings;
import io.streamsuite.simulator.event.SimEvent;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShopGeneratorTest {

    @Test
    void interactionsUseCatalogItemsAndFollowTheFunnel() {
        ShopGenerator generator = new ShopGenerator(GeneratorSettings.of(5).withPopulation(2_000));
        Set<String> catalog = generator.referenceData().stream().map(SimEvent::key).collect(Collectors.toSet());
        assertThat(catalog).hasSize(400);
        Map<InteractionType, Integer> counts = new EnumMap<>(InteractionType.class);
        Set<String> purchased = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            UserInteraction interaction = (UserInteraction) generator.next().value();
            assertThat(catalog).contains(interaction.getItemId());
            counts.merge(interaction.getType(), 1, Integer::sum);
            String key = interaction.getUserId() + "/" + interaction.getItemId();
            if (interaction.getType() == InteractionType.PURCHASE) {
                purchased.add(key);
            }
            if (interaction.getType() == InteractionType.RATING) {
                assertThat(interaction.getRating()).isBetween(1, 5);
                assertThat(purchased).contains(key);
            } else {
                assertThat(interaction.getRating()).isNull();
            }
        }
        assertThat(counts.get(InteractionType.VIEW)).isGreaterThan(counts.get(InteractionType.CART));
        assertThat(counts.get(InteractionType.CART)).isGreaterThan(counts.get(InteractionType.PURCHASE) / 2);
        assertThat(counts.get(InteractionType.RATING)).isPositive();
    }
}
