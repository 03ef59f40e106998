package io.streamsuite.fraud;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.schemas.DomainTopics;
import java.util.List;

/** Every topic, repartition and store name of the service, declared once. */
public final class FraudTopics {

    public static final String APPLICATION_ID = "fraud-detector";

    public static final String TRANSACTIONS = "payments.transactions";
    public static final String ACCOUNTS = DomainTopics.PAYMENTS_ACCOUNTS;
    public static final String EXCHANGE_RATES = DomainTopics.PAYMENTS_EXCHANGE_RATES;
    public static final String SCORED = "payments.transactions.scored";
    public static final String ALERTS = "fraud.alerts";
    public static final String CARD_RISK = "fraud.card-risk";

    /** Global: each account's profile versions (a compact layout; renamed when the layout changed). */
    public static final String ACCOUNT_PROFILES_STORE = "fraud.account-profile-history";
    /** Global: the latest rate per currency. */
    public static final String EXCHANGE_RATES_STORE = "fraud.exchange-rates";
    /** One value per card: sightings, velocity slots (queried over REST), pending small payment, risk state. */
    public static final String CARD_STATE_STORE = "fraud.card-state";
    /** Cards by the bucket of their last-seen time, for forgetting idle ones. */
    public static final String CARD_IDLE_STORE = "fraud.card-idle";
    public static final String CARD_RISK_STORE = "fraud.card-risk";
    public static final String RECENT_ALERTS_STORE = "fraud.recent-alerts";

    private FraudTopics() {
    }

    public static List<TopicSpec> specs() {
        return specs(OutputVersion.NONE);
    }

    /** As deployed with {@code streams-kit.output-version}: the outputs under their versioned names. */
    public static List<TopicSpec> specs(OutputVersion outputs) {
        return List.of(
                TopicSpec.input(TRANSACTIONS),
                // The profile history is rebuilt from this topic: compaction must leave its versions alone that long.
                TopicSpec.input(ACCOUNTS).asCompacted().withCompactionLag(DomainTopics.PAYMENTS_ACCOUNTS_HISTORY),
                TopicSpec.input(EXCHANGE_RATES).asCompacted(),
                TopicSpec.output(outputs.topic(SCORED)),
                TopicSpec.output(outputs.topic(ALERTS)),
                TopicSpec.output(outputs.topic(CARD_RISK)).asCompacted());
    }
}
