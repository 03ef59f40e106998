package io.streamsuite.fraud;

import static io.streamsuite.fraud.FraudTopics.ACCOUNTS;
import static io.streamsuite.fraud.FraudTopics.ACCOUNT_PROFILES_STORE;
import static io.streamsuite.fraud.FraudTopics.ALERTS;
import static io.streamsuite.fraud.FraudTopics.CARD_IDLE_STORE;
import static io.streamsuite.fraud.FraudTopics.CARD_RISK;
import static io.streamsuite.fraud.FraudTopics.CARD_RISK_STORE;
import static io.streamsuite.fraud.FraudTopics.CARD_STATE_STORE;
import static io.streamsuite.fraud.FraudTopics.EXCHANGE_RATES;
import static io.streamsuite.fraud.FraudTopics.EXCHANGE_RATES_STORE;
import static io.streamsuite.fraud.FraudTopics.RECENT_ALERTS_STORE;
import static io.streamsuite.fraud.FraudTopics.SCORED;
import static io.streamsuite.fraud.FraudTopics.TRANSACTIONS;

import io.streamsuite.fraud.card.AccountProfiles;
import io.streamsuite.fraud.card.CardState;
import io.streamsuite.fraud.card.CardProcessor;
import io.streamsuite.fraud.card.CardVerdict;
import io.streamsuite.fraud.card.DecodedProfiles;
import io.streamsuite.fraud.card.ProfileHistory;
import io.streamsuite.fraud.currency.ExchangeRates;
import io.streamsuite.fraud.currency.Rate;
import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.serde.WaitForRegistry;
import io.streamsuite.schemas.payments.AccountProfile;
import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.ExchangeRate;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.ScoredTransaction;
import io.streamsuite.schemas.payments.Transaction;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The fraud topology, a plain function of its settings and serdes: one sub-topology, no repartition.
 *
 * <pre>
 * payments.transactions (key: card number)
 *   → card rules: tokenize (the card number goes no further), profile check, velocity, small-then-large,
 *     impossible travel, score, card risk
 *   → payments.transactions.scored, fraud.alerts, fraud.card-risk (only when the profile changes)
 *
 * payments.accounts (key: account id) → global store fraud.account-profile-history (each account's versions)
 * payments.exchange-rates (key: currency) → global store fraud.exchange-rates (latest rate per currency)
 * </pre>
 *
 * <p>The out-of-pattern rule is a stream–table join with the account profiles, done as a lookup
 * against a global versioned table: the account's {@link ProfileHistory} gives the profile as it was
 * at the transaction's event time, so a late profile update does not rewrite history. (Kafka
 * Streams' own versioned store fails to restore as a global store in 4.2.1, hence the history.) A DSL
 * join would need the transactions keyed by account, i.e. two repartitions (to the account and back
 * to the card), each a write, a read and a transactional commit per record; a global table is on
 * every instance, so the card stage joins in place.
 *
 * <p>The card stores are keyed by the card token, yet fed by the card number's partition: the
 * input partition is the store partition, whatever the key inside. Queries therefore route by the
 * card number (see {@code CardController}).
 */
public final class FraudTopology {

    /** Decoded account profiles kept in memory for the card stage (a few hundred bytes each). */
    static final int DECODED_PROFILES_KEPT = 200_000;

    private FraudTopology() {
    }

    public static Topology build(FraudSettings settings, AvroSerdes serdes) {
        return build(settings, serdes, OutputVersion.NONE);
    }

    /** As {@link #build(FraudSettings, AvroSerdes)}, writing the outputs under their versioned names. */
    public static Topology build(FraudSettings settings, AvroSerdes serdes, OutputVersion outputs) {
        Serde<String> strings = Serdes.String();
        Serde<Transaction> transactions = serdes.valueSerde(Transaction.class);
        Serde<AccountProfile> profiles = serdes.valueSerde(AccountProfile.class);
        Serde<ScoredTransaction> scored = serdes.valueSerde(ScoredTransaction.class);
        Serde<FraudAlert> alerts = serdes.valueSerde(FraudAlert.class);
        Serde<CardRiskProfile> risks = serdes.valueSerde(CardRiskProfile.class);
        TimestampExtractor eventTime = settings.eventTimeBounds().extractor();

        StreamsBuilder builder = new StreamsBuilder();
        DecodedProfiles decodedProfiles = new DecodedProfiles(DECODED_PROFILES_KEPT);
        // A global store has no changelog: it is restored from its topic through its processor again.
        // Its thread cannot be replaced, so its reads wait out a registry outage rather than fail.
        Serde<AccountProfile> globalProfiles = WaitForRegistry.serde(profiles);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCOUNT_PROFILES_STORE),
                                strings, ProfileHistory.SERDE)
                        .withLoggingDisabled(),
                ACCOUNTS,
                Consumed.with(strings, globalProfiles).withTimestampExtractor(eventTime).withName("accounts-source"),
                () -> new AccountProfiles(settings.profileHistoryRetention(), decodedProfiles));
        Serde<ExchangeRate> globalRates = WaitForRegistry.serde(serdes.valueSerde(ExchangeRate.class));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXCHANGE_RATES_STORE),
                                strings, Rate.SERDE)
                        .withLoggingDisabled(),
                EXCHANGE_RATES,
                Consumed.with(strings, globalRates).withName("exchange-rates-source"),
                ExchangeRates::new);

        addCardStores(builder, settings, risks, alerts);

        KStream<String, CardVerdict> verdicts = builder
                .stream(TRANSACTIONS, Consumed.with(strings, transactions).withTimestampExtractor(eventTime)
                        .withName("transactions-source"))
                .filter((cardNumber, tx) -> tx != null, Named.as("skip-tombstones"))
                .process(() -> new CardProcessor(settings, decodedProfiles), Named.as("card-rules"),
                        CARD_STATE_STORE, CARD_IDLE_STORE, CARD_RISK_STORE, RECENT_ALERTS_STORE);

        verdicts.mapValues(CardVerdict::scored, Named.as("scored-transaction"))
                .to(outputs.topic(SCORED), Produced.with(strings, scored).withName("scored-sink"));
        verdicts.filter((token, verdict) -> verdict.alert() != null, Named.as("alerts-only"))
                .mapValues(CardVerdict::alert, Named.as("fraud-alert"))
                .to(outputs.topic(ALERTS), Produced.with(strings, alerts).withName("alerts-sink"));
        verdicts.filter((token, verdict) -> verdict.risk() != null, Named.as("risk-changes-only"))
                .mapValues(CardVerdict::risk, Named.as("card-risk-profile"))
                .to(outputs.topic(CARD_RISK), Produced.with(strings, risks).withName("card-risk-sink"));
        return builder.build();
    }

    /**
     * No record cache on the card stores: under exactly-once every commit (100 ms) flushes it, so it
     * rarely saves a changelog write, while its sorted index cost about a fifth of the CPU per record.
     */
    private static void addCardStores(StreamsBuilder builder, FraudSettings settings, Serde<CardRiskProfile> risks,
                                      Serde<FraudAlert> alerts) {
        Serde<String> strings = Serdes.String();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CARD_STATE_STORE), strings,
                CardState.serde(Duration.ofMillis(settings.velocity().advance()))));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CARD_IDLE_STORE), strings, Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CARD_RISK_STORE), strings, risks));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECENT_ALERTS_STORE), strings, alerts));
    }
}
