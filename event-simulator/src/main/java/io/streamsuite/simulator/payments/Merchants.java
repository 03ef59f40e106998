package io.streamsuite.simulator.payments;

import io.streamsuite.schemas.payments.Channel;
import java.util.List;
import java.util.SplittableRandom;

/** Merchant categories (MCC) with their share of spending, amount range relative to typical spend, and channels. */
final class Merchants {

    /** A merchant category: weight among transactions, amount factor range, and the chance it is paid online. */
    record Category(String mcc, String label, int weight, double minFactor, double maxFactor, double onlineShare) {
    }

    static final List<Category> CATEGORIES = List.of(
            new Category("5411", "grocery", 30, 0.3, 1.5, 0.05),
            new Category("5812", "restaurant", 16, 0.3, 1.4, 0.02),
            new Category("5814", "fast-food", 10, 0.1, 0.4, 0.05),
            new Category("5541", "fuel", 8, 0.5, 1.3, 0.0),
            new Category("4111", "transit", 8, 0.05, 0.3, 0.3),
            new Category("5912", "pharmacy", 6, 0.2, 0.9, 0.1),
            new Category("5311", "department-store", 6, 0.5, 2.0, 0.3),
            new Category("5999", "online-retail", 8, 0.3, 2.5, 0.95),
            new Category("5732", "electronics", 3, 1.0, 3.0, 0.6),
            new Category("7011", "hotel", 2, 1.5, 3.0, 0.5),
            new Category("6011", "atm", 3, 0.5, 2.0, 0.0));

    private static final int TOTAL_WEIGHT = CATEGORIES.stream().mapToInt(Category::weight).sum();

    private Merchants() {
    }

    static Category pick(SplittableRandom random) {
        int roll = random.nextInt(TOTAL_WEIGHT);
        for (Category category : CATEGORIES) {
            roll -= category.weight();
            if (roll < 0) {
                return category;
            }
        }
        throw new IllegalStateException("weights");
    }

    static Channel channel(Category category, SplittableRandom random) {
        if (category.mcc().equals("6011")) {
            return Channel.ATM;
        }
        if (random.nextDouble() < category.onlineShare()) {
            return Channel.ONLINE;
        }
        return random.nextDouble() < 0.6 ? Channel.CONTACTLESS : Channel.POS;
    }

    /** A merchant id in the city: a few hundred merchants per category and country. */
    static String merchantId(Category category, String country, SplittableRandom random) {
        return "m-" + country.toLowerCase() + "-" + category.mcc() + "-" + random.nextInt(300);
    }
}
