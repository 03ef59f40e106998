package io.streamsuite.recommendations;

import io.streamsuite.recommendations.history.InteractionWeights;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every knob of the recommendations ({@code recommendations.*} in application.yml), with its default. */
@ConfigurationProperties("recommendations")
public class RecommendationProperties {

    private final Weights weights = new Weights();
    private final History history = new History();
    private final CoOccurrence coOccurrence = new CoOccurrence();
    private final Recommend recommend = new Recommend();
    private final Conversion conversion = new Conversion();
    private final Trending trending = new Trending();
    /** How late (in event time) an interaction may arrive and still count in windows and the view–purchase join. */
    private Duration grace = Duration.ofMinutes(5);
    /** How long windowed conversion and trending results stay queryable. */
    private Duration windowRetention = Duration.ofHours(6);

    public RecommendationSettings toSettings() {
        return new RecommendationSettings(
                new InteractionWeights(weights.view, weights.cart, weights.purchase, weights.highRatingFrom),
                history.size, history.purchased, coOccurrence.related, coOccurrence.halfLife, coOccurrence.flushEvery,
                recommend.size, recommend.candidates, recommend.rescoreThreshold,
                recommend.refreshEvery, recommend.refreshBatch,
                conversion.within, conversion.window, trending.window, trending.advance, trending.size,
                grace, windowRetention);
    }

    public static class Weights {
        private double view = 1;
        private double cart = 2;
        private double purchase = 4;
        /** A rating with at least this many stars counts like a purchase. */
        private int highRatingFrom = 4;

        public double getView() { return view; }
        public void setView(double view) { this.view = view; }
        public double getCart() { return cart; }
        public void setCart(double cart) { this.cart = cart; }
        public double getPurchase() { return purchase; }
        public void setPurchase(double purchase) { this.purchase = purchase; }
        public int getHighRatingFrom() { return highRatingFrom; }
        public void setHighRatingFrom(int highRatingFrom) { this.highRatingFrom = highRatingFrom; }
    }

    public static class History {
        /** Recent distinct items kept per user; each new interaction pairs with these. */
        private int size = 20;
        /** Recent purchases kept per user; they are never recommended back. */
        private int purchased = 50;

        public int getSize() { return size; }
        public void setSize(int size) { this.size = size; }
        public int getPurchased() { return purchased; }
        public void setPurchased(int purchased) { this.purchased = purchased; }
    }

    public static class CoOccurrence {
        /** Related items kept per item. */
        private int related = 50;
        /** Co-occurrence weights halve after this much event time. */
        private Duration halfLife = Duration.ofDays(7);
        /** Pair batches are held per target item this long (wall clock) before they are sent; zero: at once. */
        private Duration flushEvery = Duration.ZERO;

        public Duration getFlushEvery() { return flushEvery; }
        public void setFlushEvery(Duration flushEvery) { this.flushEvery = flushEvery; }
        public int getRelated() { return related; }
        public void setRelated(int related) { this.related = related; }
        public Duration getHalfLife() { return halfLife; }
        public void setHalfLife(Duration halfLife) { this.halfLife = halfLife; }
    }

    public static class Recommend {
        /** Items recommended per user. */
        private int size = 10;
        /** Candidates offered per user whatever their stock (the best in-stock ones are recommended). */
        private int candidates = 20;
        /** A candidate whose score moved by less than this fraction keeps the score it was offered with. */
        private double rescoreThreshold = 0.1;
        /** How often each task re-scores a batch of its users from the related items as they are now (0: never). */
        private Duration refreshEvery = Duration.ofSeconds(2);
        /** Most users re-scored per task and refresh (a 100th of it while the task is processing interactions). */
        private int refreshBatch = 500;

        public int getSize() { return size; }
        public void setSize(int size) { this.size = size; }
        public int getCandidates() { return candidates; }
        public void setCandidates(int candidates) { this.candidates = candidates; }
        public double getRescoreThreshold() { return rescoreThreshold; }
        public void setRescoreThreshold(double rescoreThreshold) { this.rescoreThreshold = rescoreThreshold; }
        public Duration getRefreshEvery() { return refreshEvery; }
        public void setRefreshEvery(Duration refreshEvery) { this.refreshEvery = refreshEvery; }
        public int getRefreshBatch() { return refreshBatch; }
        public void setRefreshBatch(int refreshBatch) { this.refreshBatch = refreshBatch; }
    }

    public static class Conversion {
        /** A purchase converts views of the same item by the same user at most this long before it. */
        private Duration within = Duration.ofMinutes(30);
        /** Tumbling window of the conversion counts. */
        private Duration window = Duration.ofHours(1);

        public Duration getWithin() { return within; }
        public void setWithin(Duration within) { this.within = within; }
        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
    }

    public static class Trending {
        private Duration window = Duration.ofMinutes(10);
        private Duration advance = Duration.ofMinutes(1);
        /** Items kept per category and window. */
        private int size = 10;

        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
        public Duration getAdvance() { return advance; }
        public void setAdvance(Duration advance) { this.advance = advance; }
        public int getSize() { return size; }
        public void setSize(int size) { this.size = size; }
    }

    public Weights getWeights() { return weights; }
    public History getHistory() { return history; }
    public CoOccurrence getCoOccurrence() { return coOccurrence; }
    public Recommend getRecommend() { return recommend; }
    public Conversion getConversion() { return conversion; }
    public Trending getTrending() { return trending; }
    public Duration getGrace() { return grace; }
    public void setGrace(Duration grace) { this.grace = grace; }
    public Duration getWindowRetention() { return windowRetention; }
    public void setWindowRetention(Duration windowRetention) { this.windowRetention = windowRetention; }
}
