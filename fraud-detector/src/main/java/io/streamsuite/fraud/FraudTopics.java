package io.streamsuite.fraud;

import io.streamsuite.kit.config.TopicSpec;
import java.util.List;

/** Every topic, repartition and store name of the service, declared once. */
public final class FraudTopics {

    public static final String APPLICATION_ID = "fraud-detector";

    public static final String TRANSACTIONS = "payments.transactions";
    public static final String ACCOUNTS = "payments.accounts";
    public static final String SCORED = "payments.transactions.scored";
    public static final String ALERTS = "fraud.alerts";
    public static final String CARD_RISK = "fraud.card-risk";

    public static final String ACCOUNT_PROFILES_STORE = "fraud.account-profiles";
    public static final String VELOCITY_STORE = "fraud.velocity";
    public static final String PENDING_SMALL_STORE = "fraud.pending-small";
    public static final String CARD_ACTIVITY_STORE = "fraud.card-activity";
    public static final String CARD_RISK_STORE = "fraud.card-risk";
    public static final String RECENT_ALERTS_STORE = "fraud.recent-alerts";

    private FraudTopics() {
    }

    public static List<TopicSpec> specs() {
        return List.of(
                TopicSpec.input(TRANSACTIONS),
                TopicSpec.input(ACCOUNTS).asCompacted(),
                TopicSpec.output(SCORED),
                TopicSpec.output(ALERTS),
                TopicSpec.output(CARD_RISK).asCompacted());
    }
}
