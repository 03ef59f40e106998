package io.streamsuite.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The input topics of the four domains: the contract between the event simulator (which writes them) and the
 * services (which read them). Declared once here; topologies, tests and deployment use these constants.
 */
public final class DomainTopics {

    /** Transaction, keyed by card id. */
    public static final String PAYMENTS_TRANSACTIONS = "payments.transactions";
    /** AccountProfile, keyed by account id; compacted. */
    public static final String PAYMENTS_ACCOUNTS = "payments.accounts";
    /** ExchangeRate, keyed by ISO 4217 currency; compacted. */
    public static final String PAYMENTS_EXCHANGE_RATES = "payments.exchange-rates";
    /** PageView, keyed by user id. */
    public static final String WEB_PAGE_VIEWS = "web.page-views";
    /** UserInteraction, keyed by user id. */
    public static final String SHOP_INTERACTIONS = "shop.interactions";
    /** Item, keyed by item id; compacted. */
    public static final String SHOP_ITEMS = "shop.items";
    /** SensorReading, keyed by device id. */
    public static final String IOT_SENSOR_READINGS = "iot.sensor-readings";
    /** DeviceRegistration, keyed by device id; compacted. */
    public static final String IOT_DEVICE_REGISTRATIONS = "iot.device-registrations";

    /** Reference-data topics: latest value per key wins, so they are compacted. */
    public static final List<String> COMPACTED = List.of(PAYMENTS_ACCOUNTS, PAYMENTS_EXCHANGE_RATES, SHOP_ITEMS, IOT_DEVICE_REGISTRATIONS);

    /**
     * How far back account profiles are looked up by event time: fraud-detector keeps each account's
     * versions this long, and rebuilds them from {@link #PAYMENTS_ACCOUNTS} on restore, so compaction
     * must leave every version this young alone ({@code min.compaction.lag.ms}).
     */
    public static final Duration PAYMENTS_ACCOUNTS_HISTORY = Duration.ofDays(7);

    /**
     * Topic configs beyond the cleanup policy, declared once here; the simulator creates topics with them,
     * docker-compose and the Kubernetes KafkaTopics carry the same values (checked by deployment-checks).
     */
    public static final Map<String, Map<String, String>> CONFIGS = Map.of(
            PAYMENTS_ACCOUNTS, Map.of("min.compaction.lag.ms", String.valueOf(PAYMENTS_ACCOUNTS_HISTORY.toMillis())));

    /** Every input topic of every domain. */
    public static final List<String> ALL = List.of(PAYMENTS_TRANSACTIONS, PAYMENTS_ACCOUNTS, PAYMENTS_EXCHANGE_RATES, WEB_PAGE_VIEWS,
            SHOP_INTERACTIONS, SHOP_ITEMS, IOT_SENSOR_READINGS, IOT_DEVICE_REGISTRATIONS);

    private DomainTopics() {
    }
}
