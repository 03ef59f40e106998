package io.streamsuite.fraud;

import io.streamsuite.fraud.card.CardToken;
import io.streamsuite.fraud.card.EventTimeBounds;
import io.streamsuite.fraud.card.IdleCards;
import io.streamsuite.fraud.rules.ImpossibleTravel;
import io.streamsuite.fraud.rules.OutOfPatternAmount;
import io.streamsuite.fraud.rules.SmallThenLarge;
import io.streamsuite.fraud.rules.Velocity;
import io.streamsuite.fraud.scoring.RiskScore;
import io.streamsuite.kit.config.InvalidSettingException;
import io.streamsuite.schemas.DomainTopics;
import io.streamsuite.schemas.payments.FraudReason;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every threshold of the fraud rules ({@code fraud.*} in application.yml), with its default. */
@ConfigurationProperties("fraud")
public class FraudProperties {

    private final CardTokenProperties cardToken = new CardTokenProperties();
    private final VelocityProperties velocity = new VelocityProperties();
    private final AmountProperties amount = new AmountProperties();
    private final SmallThenLargeProperties smallThenLarge = new SmallThenLargeProperties();
    private final TravelProperties travel = new TravelProperties();
    private final ProfilesProperties profiles = new ProfilesProperties();
    private final ScoreProperties score = new ScoreProperties();
    private final AlertsProperties alerts = new AlertsProperties();
    private final EventTimeProperties eventTime = new EventTimeProperties();
    private final CardsProperties cards = new CardsProperties();

    public FraudSettings toSettings() {
        Map<FraudReason, Integer> weights = new EnumMap<>(FraudReason.class);
        Weights w = score.weights;
        weights.put(FraudReason.VELOCITY, w.velocity);
        weights.put(FraudReason.OUT_OF_PATTERN_AMOUNT, w.outOfPatternAmount);
        weights.put(FraudReason.FOREIGN_COUNTRY, w.foreignCountry);
        weights.put(FraudReason.SMALL_THEN_LARGE, w.smallThenLarge);
        weights.put(FraudReason.IMPOSSIBLE_TRAVEL, w.impossibleTravel);
        if (profiles.historyRetention.compareTo(DomainTopics.PAYMENTS_ACCOUNTS_HISTORY) > 0) {
            throw new IllegalArgumentException("fraud.profiles.history-retention (" + profiles.historyRetention
                    + ") must not exceed payments.accounts' min.compaction.lag.ms (" + DomainTopics.PAYMENTS_ACCOUNTS_HISTORY
                    + ", DomainTopics.PAYMENTS_ACCOUNTS_HISTORY): older versions would be gone after a restore");
        }
        if (alerts.recentPerPartition < 1) {
            throw new IllegalArgumentException("fraud.alerts.recent-per-partition must be at least 1");
        }
        if (cardToken.secret == null || cardToken.secret.isBlank()) {
            throw new InvalidSettingException("fraud.card-token.secret", "set fraud.card-token.secret (env FRAUD_CARD_TOKEN_SECRET; in Kubernetes from the"
                    + " Secret fraud-detector-secrets): the key of card tokens has no default outside the 'local' profile");
        }
        if (cardToken.secret.length() < 16) {
            throw new InvalidSettingException("fraud.card-token.secret", "fraud.card-token.secret must be at least 16"
                    + " characters (env FRAUD_CARD_TOKEN_SECRET; e.g. openssl rand -base64 32)");
        }
        return new FraudSettings(
                new CardToken(cardToken.secret),
                new Velocity(velocity.threshold, velocity.window, velocity.advance, velocity.grace, velocity.retention),
                new OutOfPatternAmount(amount.multiplier),
                new SmallThenLarge(smallThenLarge.smallBelow, smallThenLarge.largeAbove, smallThenLarge.within),
                new ImpossibleTravel(travel.maxSpeedKmh, travel.minDistanceKm),
                new RiskScore(weights, score.alertThreshold, score.blockThreshold),
                profiles.historyRetention, alerts.recentPerPartition, alerts.trimInterval,
                new EventTimeBounds(eventTime.maxAhead), new IdleCards(cards.idleAfter, cards.forgetPerVisit));
    }

    public static class CardTokenProperties {
        /**
         * HMAC key of card tokens: the same on every instance, kept secret, at least 16 characters. No
         * default: a known key lets anyone recompute the token of every card number (application-local.yml
         * sets one for ./run-local).
         */
        private String secret;

        public String getSecret() { return secret; }
        public void setSecret(String secret) { this.secret = secret; }
    }

    public static class VelocityProperties {
        /** An alert when a card has more transactions than this within one window. */
        private int threshold = 5;
        private Duration window = Duration.ofMinutes(1);
        private Duration advance = Duration.ofSeconds(10);
        /** How late (in event time) a transaction may still count in its windows. */
        private Duration grace = Duration.ofSeconds(30);
        /** How long slot counts stay queryable over REST (at least window + grace). */
        private Duration retention = Duration.ofHours(1);

        public int getThreshold() { return threshold; }
        public void setThreshold(int threshold) { this.threshold = threshold; }
        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
        public Duration getAdvance() { return advance; }
        public void setAdvance(Duration advance) { this.advance = advance; }
        public Duration getGrace() { return grace; }
        public void setGrace(Duration grace) { this.grace = grace; }
        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
    }

    public static class AmountProperties {
        /** An amount above this many times the account's typical spend is out of pattern. */
        private BigDecimal multiplier = new BigDecimal("5");

        public BigDecimal getMultiplier() { return multiplier; }
        public void setMultiplier(BigDecimal multiplier) { this.multiplier = multiplier; }
    }

    public static class SmallThenLargeProperties {
        private BigDecimal smallBelow = new BigDecimal("1.00");
        private BigDecimal largeAbove = new BigDecimal("500.00");
        private Duration within = Duration.ofMinutes(1);

        public BigDecimal getSmallBelow() { return smallBelow; }
        public void setSmallBelow(BigDecimal smallBelow) { this.smallBelow = smallBelow; }
        public BigDecimal getLargeAbove() { return largeAbove; }
        public void setLargeAbove(BigDecimal largeAbove) { this.largeAbove = largeAbove; }
        public Duration getWithin() { return within; }
        public void setWithin(Duration within) { this.within = within; }
    }

    public static class TravelProperties {
        private double maxSpeedKmh = 900;
        /** Shorter moves never count: locations are merchant addresses, not where the card was to the metre. */
        private double minDistanceKm = 10;

        public double getMaxSpeedKmh() { return maxSpeedKmh; }
        public void setMaxSpeedKmh(double maxSpeedKmh) { this.maxSpeedKmh = maxSpeedKmh; }
        public double getMinDistanceKm() { return minDistanceKm; }
        public void setMinDistanceKm(double minDistanceKm) { this.minDistanceKm = minDistanceKm; }
    }

    public static class ProfilesProperties {
        /**
         * How far back account profile versions are kept for joins by event time. Versions are rebuilt from
         * payments.accounts on restore, so its min.compaction.lag.ms must be at least this (the default is
         * the topic's declared lag).
         */
        private Duration historyRetention = DomainTopics.PAYMENTS_ACCOUNTS_HISTORY;

        public Duration getHistoryRetention() { return historyRetention; }
        public void setHistoryRetention(Duration historyRetention) { this.historyRetention = historyRetention; }
    }

    public static class ScoreProperties {
        private final Weights weights = new Weights();
        /** A transaction scoring this or more raises an alert. */
        private int alertThreshold = 50;
        /** A transaction scoring this or more blocks its card. */
        private int blockThreshold = 90;

        public Weights getWeights() { return weights; }
        public int getAlertThreshold() { return alertThreshold; }
        public void setAlertThreshold(int alertThreshold) { this.alertThreshold = alertThreshold; }
        public int getBlockThreshold() { return blockThreshold; }
        public void setBlockThreshold(int blockThreshold) { this.blockThreshold = blockThreshold; }
    }

    /** Points each rule adds to the score; the score is their sum, capped at 100. */
    public static class Weights {
        private int velocity = 50;
        private int outOfPatternAmount = 50;
        private int foreignCountry = 25;
        private int smallThenLarge = 60;
        private int impossibleTravel = 70;

        public int getVelocity() { return velocity; }
        public void setVelocity(int velocity) { this.velocity = velocity; }
        public int getOutOfPatternAmount() { return outOfPatternAmount; }
        public void setOutOfPatternAmount(int outOfPatternAmount) { this.outOfPatternAmount = outOfPatternAmount; }
        public int getForeignCountry() { return foreignCountry; }
        public void setForeignCountry(int foreignCountry) { this.foreignCountry = foreignCountry; }
        public int getSmallThenLarge() { return smallThenLarge; }
        public void setSmallThenLarge(int smallThenLarge) { this.smallThenLarge = smallThenLarge; }
        public int getImpossibleTravel() { return impossibleTravel; }
        public void setImpossibleTravel(int impossibleTravel) { this.impossibleTravel = impossibleTravel; }
    }

    public static class AlertsProperties {
        /** Recent alerts kept per partition for GET /api/alerts. */
        private int recentPerPartition = 1000;
        private Duration trimInterval = Duration.ofSeconds(5);

        public int getRecentPerPartition() { return recentPerPartition; }
        public void setRecentPerPartition(int recentPerPartition) { this.recentPerPartition = recentPerPartition; }
        public Duration getTrimInterval() { return trimInterval; }
        public void setTrimInterval(Duration trimInterval) { this.trimInterval = trimInterval; }
    }

    public static class EventTimeProperties {
        /** How far past the wall clock a transaction's event time may be; later (or negative) is a dead letter. */
        private Duration maxAhead = Duration.ofMinutes(10);

        public Duration getMaxAhead() { return maxAhead; }
        public void setMaxAhead(Duration maxAhead) { this.maxAhead = maxAhead; }
    }

    public static class CardsProperties {
        /** A card not seen (in event time) for this long is forgotten, apart from a block. */
        private Duration idleAfter = Duration.ofDays(30);
        /** At most this many idle cards are forgotten at once (per task); the rest a second later, and so on. */
        private int forgetPerVisit = IdleCards.DEFAULT_FORGET_PER_VISIT;

        public Duration getIdleAfter() { return idleAfter; }
        public void setIdleAfter(Duration idleAfter) { this.idleAfter = idleAfter; }
        public int getForgetPerVisit() { return forgetPerVisit; }
        public void setForgetPerVisit(int forgetPerVisit) { this.forgetPerVisit = forgetPerVisit; }
    }

    public CardTokenProperties getCardToken() { return cardToken; }
    public EventTimeProperties getEventTime() { return eventTime; }
    public CardsProperties getCards() { return cards; }
    public VelocityProperties getVelocity() { return velocity; }
    public AmountProperties getAmount() { return amount; }
    public SmallThenLargeProperties getSmallThenLarge() { return smallThenLarge; }
    public TravelProperties getTravel() { return travel; }
    public ProfilesProperties getProfiles() { return profiles; }
    public ScoreProperties getScore() { return score; }
    public AlertsProperties getAlerts() { return alerts; }
}
