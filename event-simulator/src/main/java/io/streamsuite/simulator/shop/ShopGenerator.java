package io.streamsuite.simulator.shop;

import io.streamsuite.schemas.DomainTopics;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.simulator.event.Disorder;
import io.streamsuite.simulator.event.DomainGenerator;
import io.streamsuite.simulator.event.GeneratorSettings;
import io.streamsuite.simulator.event.SimClock;
import io.streamsuite.simulator.event.SimEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Shop interactions keyed by user id, against a catalog of items (sent first, keyed by item id). Users lean to a
 * favourite category and to popular items; they view, put viewed items in the cart, buy what is in the cart and
 * rate what they bought (mostly 4 or 5 stars).
 */
public final class ShopGenerator implements DomainGenerator {

    public static final String DOMAIN = "shop";

    private record Category(String name, double minPrice, double maxPrice, String[] tags) {
    }

    private static final Category[] CATEGORIES = {
        new Category("books", 5, 60, new String[] {"paperback", "hardcover", "fiction", "non-fiction", "bestseller", "classic"}),
        new Category("electronics", 15, 1500, new String[] {"wireless", "usb-c", "4k", "bluetooth", "smart", "portable"}),
        new Category("home", 8, 400, new String[] {"kitchen", "living-room", "eco", "handmade", "minimal", "wood"}),
        new Category("sports", 10, 600, new String[] {"running", "outdoor", "yoga", "cycling", "waterproof", "lightweight"}),
        new Category("toys", 5, 120, new String[] {"kids", "puzzle", "wooden", "educational", "board-game", "lego-like"}),
        new Category("fashion", 10, 300, new String[] {"cotton", "summer", "winter", "denim", "leather", "sale"}),
    };
    private static final String[] ADJECTIVES = {"Classic", "Smart", "Compact", "Deluxe", "Everyday", "Pro", "Mini", "Eco", "Urban", "Vintage"};
    private static final String[] NOUNS = {"Kit", "Set", "Edition", "Collection", "Model", "Pack", "Series", "Bundle"};

    private final SplittableRandom random;
    private final SimClock clock;
    private final Disorder disorder;
    private final int users;
    private final List<SimEvent> catalog = new ArrayList<>();
    private final List<List<String>> itemsByCategory = new ArrayList<>();
    private final Map<Integer, UserState> states = new HashMap<>();

    private static final class UserState {
        String lastViewed;
        final List<String> cart = new ArrayList<>();
        final List<String> purchased = new ArrayList<>();
    }

    public ShopGenerator(GeneratorSettings settings) {
        this.random = new SplittableRandom(settings.seedFor(DOMAIN));
        this.clock = new SimClock(settings.start().toEpochMilli(), settings.eventsPerSecond());
        this.disorder = new Disorder(settings);
        this.users = settings.population();
        buildCatalog(Math.max(CATEGORIES.length * 5, settings.population() / 5), settings.start().toEpochMilli() - 86_400_000L);
    }

    @Override
    public String domain() {
        return DOMAIN;
    }

    @Override
    public String streamTopic() {
        return DomainTopics.SHOP_INTERACTIONS;
    }

    @Override
    public String referenceTopic() {
        return DomainTopics.SHOP_ITEMS;
    }

    /** The catalog: one Item per item id. */
    @Override
    public List<SimEvent> referenceData() {
        return catalog;
    }

    @Override
    public SimEvent next() {
        long now = clock.tick(random);
        // Squaring the roll makes low user numbers (and low item ranks) the busy, popular ones.
        int user = (int) (users * Math.pow(random.nextDouble(), 2));
        UserState state = states.computeIfAbsent(user, u -> new UserState());
        InteractionType type;
        String itemId;
        Integer rating = null;
        double roll = random.nextDouble();
        if (!state.cart.isEmpty() && roll < 0.2) {
            type = InteractionType.PURCHASE;
            itemId = state.cart.remove(random.nextInt(state.cart.size()));
            state.purchased.add(itemId);
        } else if (!state.purchased.isEmpty() && roll < 0.3) {
            type = InteractionType.RATING;
            itemId = state.purchased.remove(0);
            rating = ratingStars();
        } else if (state.lastViewed != null && roll < 0.45 && state.cart.size() < 5) {
            type = InteractionType.CART;
            itemId = state.lastViewed;
            state.cart.add(itemId);
        } else {
            type = InteractionType.VIEW;
            itemId = pickItem(user);
            state.lastViewed = itemId;
        }
        String userId = String.format("user-%06d", user);
        Disorder.Timing timing = disorder.timing(userId, now, random);
        UserInteraction interaction = new UserInteraction(new UUID(random.nextLong(), random.nextLong()).toString(),
                userId, itemId, type, rating, Instant.ofEpochMilli(timing.eventTimeMs()));
        return new SimEvent(DOMAIN, DomainTopics.SHOP_INTERACTIONS, userId, interaction, timing.eventTimeMs(),
                timing.kind(), null);
    }

    private String pickItem(int user) {
        int category = random.nextDouble() < 0.7 ? Math.floorMod(user * 31, CATEGORIES.length) : random.nextInt(CATEGORIES.length);
        List<String> items = itemsByCategory.get(category);
        return items.get((int) (items.size() * Math.pow(random.nextDouble(), 2)));
    }

    private int ratingStars() {
        double roll = random.nextDouble();
        return roll < 0.05 ? 1 : roll < 0.1 ? 2 : roll < 0.25 ? 3 : roll < 0.6 ? 4 : 5;
    }

    private void buildCatalog(int count, long at) {
        for (int c = 0; c < CATEGORIES.length; c++) {
            itemsByCategory.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            int c = i % CATEGORIES.length;
            Category category = CATEGORIES[c];
            String itemId = String.format("item-%05d", i);
            String title = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + category.name().substring(0, 1).toUpperCase()
                    + category.name().substring(1) + " " + NOUNS[random.nextInt(NOUNS.length)] + " " + (100 + i);
            double price = category.minPrice() * Math.pow(category.maxPrice() / category.minPrice(), random.nextDouble());
            List<String> tags = new ArrayList<>();
            int tagCount = 2 + random.nextInt(3);
            while (tags.size() < tagCount) {
                String tag = category.tags()[random.nextInt(category.tags().length)];
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
            Item item = new Item(itemId, title, category.name(),
                    BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_EVEN).subtract(new BigDecimal("0.01")).max(new BigDecimal("0.99")), tags, true);
            itemsByCategory.get(c).add(itemId);
            catalog.add(new SimEvent(DOMAIN, DomainTopics.SHOP_ITEMS, itemId, item, at, SimEvent.Kind.REFERENCE, null));
        }
    }
}
