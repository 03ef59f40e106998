package io.streamsuite.benchmarks.services;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hit-rate@K on held-out purchases, and the most-popular-in-category baseline, computed from the interactions
 * alone (no knowledge of the simulator's bundles).
 *
 * <p>Held out, per user: the item of their last purchase. The user's input then stops before that purchase (their
 * later interactions are withheld too) and holds none of their interactions with that item, so nothing the user
 * did with it (the view and cart before the purchase, the rating after) reaches the recommender or the baseline.
 * Other users' interactions are all kept. A user counts when they have at least {@code minHistory} interactions
 * left. A hit: the held-out item is among the user's top K.
 */
public final class HitRate {

    public static final String PURCHASE = "PURCHASE";

    /** One interaction, {@code index} its place in the input (the record to keep or withhold). */
    public record Interaction(int index, String userId, String itemId, String type, long eventTime) {
    }

    /** Which interactions go to the input, and user → held-out item. */
    public record Split(Set<Integer> kept, Map<String, String> heldOut) {

        public List<Interaction> training(List<Interaction> all) {
            return all.stream().filter(i -> kept.contains(i.index())).toList();
        }
    }

    private HitRate() {
    }

    public static Split split(List<Interaction> all, int minHistory) {
        Map<String, Interaction> lastPurchase = new HashMap<>();
        for (Interaction i : all) {
            if (PURCHASE.equals(i.type())) {
                lastPurchase.merge(i.userId(), i, (a, b) -> b.eventTime() >= a.eventTime() ? b : a);
            }
        }
        Map<String, Integer> history = new HashMap<>();
        for (Interaction i : all) {
            Interaction held = lastPurchase.get(i.userId());
            if (held != null && before(i, held) && !i.itemId().equals(held.itemId())) {
                history.merge(i.userId(), 1, Integer::sum);
            }
        }
        Map<String, String> heldOut = new LinkedHashMap<>();
        lastPurchase.forEach((user, purchase) -> {
            if (history.getOrDefault(user, 0) >= minHistory) {
                heldOut.put(user, purchase.itemId());
            }
        });
        Set<Integer> kept = new HashSet<>();
        for (Interaction i : all) {
            Interaction held = heldOut.containsKey(i.userId()) ? lastPurchase.get(i.userId()) : null;
            if (held == null || (before(i, held) && !i.itemId().equals(held.itemId()))) {
                kept.add(i.index());
            }
        }
        return new Split(kept, heldOut);
    }

    /** Strictly before the held-out purchase in the user's own order (event time, then input order). */
    private static boolean before(Interaction i, Interaction held) {
        return i.eventTime() < held.eventTime() || (i.eventTime() == held.eventTime() && i.index() < held.index());
    }

    /**
     * The baseline: per user, the K items with the most purchases in the user's category (the category of most of
     * their interactions), ties by interactions then id; the user's own purchases and out-of-stock items excluded,
     * as the service excludes them.
     */
    public static Map<String, List<String>> popularInCategory(List<Interaction> training, Map<String, String> categoryOf,
                                                              Set<String> outOfStock, Set<String> users, int k) {
        Map<String, Long> purchases = new HashMap<>();
        Map<String, Long> touches = new HashMap<>();
        Map<String, Map<String, Integer>> categoriesOfUser = new HashMap<>();
        Map<String, Set<String>> bought = new HashMap<>();
        for (Interaction i : training) {
            touches.merge(i.itemId(), 1L, Long::sum);
            if (PURCHASE.equals(i.type())) {
                purchases.merge(i.itemId(), 1L, Long::sum);
                bought.computeIfAbsent(i.userId(), u -> new HashSet<>()).add(i.itemId());
            }
            String category = categoryOf.get(i.itemId());
            if (category != null && users.contains(i.userId())) {
                categoriesOfUser.computeIfAbsent(i.userId(), u -> new HashMap<>()).merge(category, 1, Integer::sum);
            }
        }
        Map<String, List<String>> ranked = new HashMap<>();
        Comparator<String> byPopularity = Comparator.<String>comparingLong(item -> purchases.getOrDefault(item, 0L))
                .thenComparingLong(item -> touches.getOrDefault(item, 0L)).reversed()
                .thenComparing(Comparator.naturalOrder());
        categoryOf.forEach((item, category) -> ranked.computeIfAbsent(category, c -> new ArrayList<>()).add(item));
        ranked.values().forEach(items -> items.sort(byPopularity));
        Map<String, List<String>> top = new HashMap<>();
        for (String user : users) {
            Map<String, Integer> categories = categoriesOfUser.getOrDefault(user, Map.of());
            String favourite = categories.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(null);
            Set<String> own = bought.getOrDefault(user, Set.of());
            top.put(user, favourite == null ? List.of() : ranked.getOrDefault(favourite, List.of()).stream()
                    .filter(item -> !own.contains(item) && !outOfStock.contains(item)).limit(k).toList());
        }
        return top;
    }

    /** Share of held-out users whose held-out item is in their top K (a user without a list is a miss). */
    public static double hitRate(Map<String, String> heldOut, Map<String, List<String>> recommended, int k) {
        if (heldOut.isEmpty()) {
            return Double.NaN;
        }
        long hits = heldOut.entrySet().stream().filter(e -> recommended.getOrDefault(e.getKey(), List.of()).stream()
                .limit(k).anyMatch(e.getValue()::equals)).count();
        return (double) hits / heldOut.size();
    }
}
