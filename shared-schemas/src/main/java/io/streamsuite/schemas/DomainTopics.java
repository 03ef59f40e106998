package io.streamsuite.schemas;

import java.util.List;

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

    /** Every input topic of every domain. */
    public static final List<String> ALL = List.of(PAYMENTS_TRANSACTIONS, PAYMENTS_ACCOUNTS, PAYMENTS_EXCHANGE_RATES, WEB_PAGE_VIEWS,
            SHOP_INTERACTIONS, SHOP_ITEMS, IOT_SENSOR_READINGS, IOT_DEVICE_REGISTRATIONS);

    private DomainTopics() {
    }
}
