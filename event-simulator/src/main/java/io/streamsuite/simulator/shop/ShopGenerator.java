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
 *
 * <p>Hidden structure: users fall into {@link #SEGMENTS} segments (user number modulo the count); each segment has
 * its own {@link #BUNDLES_PER_SEGMENT} bundles of {@link #BUNDLE_SIZE} items drawn across categories, away from the
 * most popular ones. A user sometimes starts on one of their segment's bundles, and after viewing or buying a bundle
 * item goes on to its partners, so partners are viewed, carted and bought together far more often than popularity
 * explains. Stock: now and then an item goes out of stock (an Item update on the catalog topic) and comes back later;
 * an out-of-stock item stays in carts but is not bought.
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

    /** User segments, each with its own bundles of items bought together. */
    public static final int SEGMENTS = 4;
    public static final int BUNDLES_PER_SEGMENT = 8;
    public static final int BUNDLE_SIZE = 3;
    /** Chance per event that a bundle-minded step happens (start a bundle, or follow one's partners). */
    private static final double START_BUNDLE = 0.12;
    private static final double FOLLOW_BUNDLE = 0.7;
    /** Chance per event of a stock change (an item going out of stock, or one coming back). */
    private static final double STOCK_CHANGE = 0.002;

    private final SplittableRandom random;
    private final SimClock clock;
    private final Disorder disorder;
    private final int users;
    private final List<SimEvent> catalog = new ArrayList<>();
    private final List<List<String>> itemsByCategory = new ArrayList<>();
    private final Map<Integer, UserState> states = new HashMap<>();
    private final Map<String, Item> items = new HashMap<>();
    private final List<String> outOfStock = new ArrayList<>();
    private final List<List<List<String>>> bundlesBySegment = new ArrayList<>();
    private final Map<String, List<String>>[] partnersBySegment;

    private static final class UserState {
        String lastViewed;
        final java.util.ArrayDeque<String> intent = new java.util.ArrayDeque<>();
        final List<String> cart = new ArrayList<>();
        final List<String> purchased = new ArrayList<>();
    }

    public ShopGenerator(GeneratorSettings settings) {
        this.random = new SplittableRandom(settings.seedFor(DOMAIN));
        this.clock = new SimClock(settings.start().toEpochMilli(), settings.eventsPerSecond());
        this.disorder = new Disorder(settings);
        this.users = settings.population();
        buildCatalog(Math.max(CATEGORIES.length * 5, settings.population() / 5), settings.start().toEpochMilli() - 86_400_000L);
        @SuppressWarnings("unchecked")
        Map<String, List<String>>[] partners = new Map[SEGMENTS];
        this.partnersBySegment = partners;
        buildBundles();
    }

    /** The bundles of one segment (the hidden structure; for tests and the hit-rate benchmark's checks). */
    public List<List<String>> bundles(int segment) {
        return bundlesBySegment.get(segment);
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
        if (random.nextDouble() < STOCK_CHANGE) {
            return stockChange(now);
        }
        // Squaring the roll makes low user numbers (and low item ranks) the busy, popular ones.
        int user = (int) (users * Math.pow(random.nextDouble(), 2));
        UserState state = states.computeIfAbsent(user, u -> new UserState());
        InteractionType type;
        String itemId;
        Integer rating = null;
        double roll = random.nextDouble();
        int segment = user % SEGMENTS;
        String inCart = state.cart.isEmpty() ? null : state.cart.get(random.nextInt(state.cart.size()));
        if (inCart != null && roll < 0.2 && !outOfStock.contains(inCart)) {
            type = InteractionType.PURCHASE;
            itemId = inCart;
            state.cart.remove(itemId);
            state.purchased.add(itemId);
            follow(state, segment, itemId);
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
            itemId = pickItem(user, segment, state);
            state.lastViewed = itemId;
        }
        String userId = String.format("user-%06d", user);
        Disorder.Timing timing = disorder.timing(userId, now, random);
        UserInteraction interaction = new UserInteraction(new UUID(random.nextLong(), random.nextLong()).toString(),
                userId, itemId, type, rating, Instant.ofEpochMilli(timing.eventTimeMs()));
        return new SimEvent(DOMAIN, DomainTopics.SHOP_INTERACTIONS, userId, interaction, timing.eventTimeMs(),
                timing.kind(), null);
    }

    /** After a bundle item: its partners, not yet bought, become what the user looks at next. */
    private void follow(UserState state, int segment, String itemId) {
        for (String partner : partnersBySegment[segment].getOrDefault(itemId, List.of())) {
            if (!state.purchased.contains(partner) && !state.intent.contains(partner)) {
                state.intent.add(partner);
            }
        }
    }

    private String pickItem(int user, int segment, UserState state) {
        if (!state.intent.isEmpty() && random.nextDouble() < FOLLOW_BUNDLE) {
            return state.intent.poll();
        }
        if (random.nextDouble() < START_BUNDLE) {
            List<List<String>> bundles = bundlesBySegment.get(segment);
            List<String> bundle = bundles.get(random.nextInt(bundles.size()));
            follow(state, segment, bundle.get(0));
            return bundle.get(0);
        }
        return pickItem(user);
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
            items.put(itemId, item);
            catalog.add(new SimEvent(DOMAIN, DomainTopics.SHOP_ITEMS, itemId, item, at, SimEvent.Kind.REFERENCE, null));
        }
    }

    /** Bundles from the less popular half of each category (popular items are the baseline's easy wins). */
    private void buildBundles() {
        for (int segment = 0; segment < SEGMENTS; segment++) {
            List<List<String>> bundles = new ArrayList<>();
            Map<String, List<String>> partners = new HashMap<>();
            for (int b = 0; b < BUNDLES_PER_SEGMENT; b++) {
                List<String> bundle = new ArrayList<>();
                while (bundle.size() < BUNDLE_SIZE) {
                    List<String> category = itemsByCategory.get(random.nextInt(CATEGORIES.length));
                    int half = category.size() / 2;
                    String itemId = category.get(half + random.nextInt(category.size() - half));
                    if (!bundle.contains(itemId)) {
                        bundle.add(itemId);
                    }
                }
                bundles.add(List.copyOf(bundle));
                for (String itemId : bundle) {
                    List<String> others = partners.computeIfAbsent(itemId, k -> new ArrayList<>());
                    bundle.stream().filter(other -> !other.equals(itemId) && !others.contains(other)).forEach(others::add);
                }
            }
            bundlesBySegment.add(List.copyOf(bundles));
            partnersBySegment[segment] = partners;
        }
    }

    /** An item goes out of stock, or (half the time, when some are out) one comes back. */
    private SimEvent stockChange(long now) {
        String itemId;
        boolean inStock;
        if (!outOfStock.isEmpty() && random.nextBoolean()) {
            itemId = outOfStock.remove(random.nextInt(outOfStock.size()));
            inStock = true;
        } else {
            List<String> category = itemsByCategory.get(random.nextInt(CATEGORIES.length));
            itemId = category.get(random.nextInt(category.size()));
            if (outOfStock.contains(itemId)) {
                outOfStock.remove(itemId);
                inStock = true;
            } else {
                outOfStock.add(itemId);
                inStock = false;
            }
        }
        Item item = Item.newBuilder(items.get(itemId)).setInStock(inStock).build();
        items.put(itemId, item);
        return new SimEvent(DOMAIN, DomainTopics.SHOP_ITEMS, itemId, item, now, SimEvent.Kind.NORMAL, null);
    }
}
