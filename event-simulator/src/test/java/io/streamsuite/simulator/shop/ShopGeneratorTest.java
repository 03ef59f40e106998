package io.streamsuite.simulator.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.DomainTopics;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.simulator.event.GeneratorSettings;
import io.streamsuite.simulator.event.SimEvent;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
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
            SimEvent event = generator.next();
            if (!(event.value() instanceof UserInteraction interaction)) {
                continue;
            }
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

    @Test
    void stockChangesAreItemUpdatesOfCatalogItemsAndOutOfStockItemsAreNotBought() {
        ShopGenerator generator = new ShopGenerator(GeneratorSettings.of(5).withPopulation(2_000));
        Map<String, Item> catalog = new java.util.HashMap<>();
        generator.referenceData().forEach(e -> catalog.put(e.key(), (Item) e.value()));
        Set<String> outOfStock = new HashSet<>();
        int wentOut = 0;
        int cameBack = 0;
        for (int i = 0; i < 50_000; i++) {
            SimEvent event = generator.next();
            if (event.value() instanceof Item item) {
                assertThat(event.topic()).isEqualTo(DomainTopics.SHOP_ITEMS);
                assertThat(event.key()).isEqualTo(item.getItemId());
                assertThat(catalog).containsKey(item.getItemId());
                assertThat(item.getCategory()).isEqualTo(catalog.get(item.getItemId()).getCategory());
                if (item.getInStock()) {
                    cameBack++;
                    outOfStock.remove(item.getItemId());
                } else {
                    wentOut++;
                    outOfStock.add(item.getItemId());
                }
            } else {
                UserInteraction interaction = (UserInteraction) event.value();
                if (interaction.getType() == InteractionType.PURCHASE) {
                    assertThat(outOfStock).doesNotContain(interaction.getItemId());
                }
            }
        }
        assertThat(wentOut).isGreaterThan(20);
        assertThat(cameBack).isGreaterThan(10);
    }

    @Test
    void bundlePartnersAreBoughtTogetherByTheirSegmentFarMoreThanByOthers() {
        ShopGenerator generator = new ShopGenerator(GeneratorSettings.of(9).withPopulation(2_000));
        List<String> bundle = generator.bundles(0).get(0);
        Map<String, Set<String>> boughtBy = new java.util.HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            if (generator.next().value() instanceof UserInteraction interaction
                    && interaction.getType() == InteractionType.PURCHASE) {
                boughtBy.computeIfAbsent(interaction.getUserId(), u -> new HashSet<>()).add(interaction.getItemId());
            }
        }
        int inSegment = 0;
        int elsewhere = 0;
        for (Map.Entry<String, Set<String>> user : boughtBy.entrySet()) {
            int number = Integer.parseInt(user.getKey().substring("user-".length()));
            if (user.getValue().containsAll(bundle.subList(0, 2))) {
                if (number % ShopGenerator.SEGMENTS == 0) {
                    inSegment++;
                } else {
                    elsewhere++;
                }
            }
        }
        assertThat(inSegment).isGreaterThan(10);
        assertThat(inSegment).isGreaterThan(5 * Math.max(1, elsewhere));
    }

    @Test
    void sameSeedGivesTheSameBundlesAndEvents() {
        ShopGenerator first = new ShopGenerator(GeneratorSettings.of(3).withPopulation(500));
        ShopGenerator second = new ShopGenerator(GeneratorSettings.of(3).withPopulation(500));
        for (int segment = 0; segment < ShopGenerator.SEGMENTS; segment++) {
            assertThat(first.bundles(segment)).isEqualTo(second.bundles(segment));
        }
        for (int i = 0; i < 5_000; i++) {
            assertThat(first.next().value()).isEqualTo(second.next().value());
        }
    }
}
