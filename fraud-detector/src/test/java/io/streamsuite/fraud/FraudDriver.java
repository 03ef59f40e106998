package io.streamsuite.fraud;

import io.streamsuite.fraud.card.CardProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsuite.kit.deadletter.DeadLetterMetrics;
import io.streamsuite.kit.deadletter.DeadLetterProcessingHandler;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.payments.AccountProfile;
import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.ExchangeRate;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.ScoredTransaction;
import io.streamsuite.schemas.payments.Transaction;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The fraud topology in a TopologyTestDriver, with the kit's Avro serdes on an in-memory registry. */
public final class FraudDriver implements AutoCloseable {

    public static final String DEAD_LETTERS = FraudTopics.APPLICATION_ID + ".dlq";

    private final TopologyTestDriver driver;
    private final AvroSerdes serdes;
    private final FraudSettings settings;
    private final TestInputTopic<String, Transaction> transactions;
    private final TestInputTopic<String, AccountProfile> accounts;
    private final TestInputTopic<String, ExchangeRate> rates;
    private final TestOutputTopic<String, ScoredTransaction> scored;
    private final TestOutputTopic<String, FraudAlert> alerts;
    private final TestOutputTopic<String, CardRiskProfile> cardRisk;

    public FraudDriver() {
        this(FraudSettings.defaults());
    }

    public FraudDriver(FraudSettings settings) {
        this.settings = settings;
        this.serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://fraud-" + UUID.randomUUID()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, FraudTopics.APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // The kit's dead-letter handler, as in the service: a record a processor rejects goes to the DLQ.
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
        // Counted in a registry of its own, not Micrometer's global one that the Boot apps of this JVM share.
        config.put("streamsuite.deadletter.metrics", new DeadLetterMetrics(new SimpleMeterRegistry()));
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("fraud-ttd").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(FraudTopology.build(settings, serdes), config, Payments.T0);
        Serde<String> strings = Serdes.String();
        transactions = driver.createInputTopic(FraudTopics.TRANSACTIONS, strings.serializer(),
                serdes.valueSerde(Transaction.class).serializer());
        accounts = driver.createInputTopic(FraudTopics.ACCOUNTS, strings.serializer(),
                serdes.valueSerde(AccountProfile.class).serializer());
        rates = driver.createInputTopic(FraudTopics.EXCHANGE_RATES, strings.serializer(),
                serdes.valueSerde(ExchangeRate.class).serializer());
        scored = driver.createOutputTopic(FraudTopics.SCORED, strings.deserializer(),
                serdes.valueSerde(ScoredTransaction.class).deserializer());
        alerts = driver.createOutputTopic(FraudTopics.ALERTS, strings.deserializer(),
                serdes.valueSerde(FraudAlert.class).deserializer());
        cardRisk = driver.createOutputTopic(FraudTopics.CARD_RISK, strings.deserializer(),
                serdes.valueSerde(CardRiskProfile.class).deserializer());
    }

    /** Sends the transactions keyed by their card number, as the card network does. */
    public FraudDriver pay(Payments... payments) {
        for (Payments payment : payments) {
            Transaction tx = payment.build();
            transactions.pipeInput(tx.getCardId(), tx);
        }
        return this;
    }

    public FraudDriver profile(AccountProfile profile) {
        accounts.pipeInput(profile.getAccountId(), profile);
        return this;
    }

    /** One unit of {@code currency} is worth {@code perUnit} EUR. */
    public FraudDriver rate(String currency, String perUnit) {
        rates.pipeInput(currency, ExchangeRate.newBuilder().setCurrency(currency).setBaseCurrency("EUR")
                .setRate(new java.math.BigDecimal(perUnit).setScale(8)).setUpdatedAt(Payments.T0).build());
        return this;
    }

    /** The dead letters written, with their headers. */
    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    public AvroSerdes serdes() {
        return serdes;
    }

    public List<ScoredTransaction> scored() {
        return scored.readValuesToList();
    }

    public List<TestRecord<String, ScoredTransaction>> scoredRecords() {
        return scored.readRecordsToList();
    }

    public List<FraudAlert> alerts() {
        return alerts.readValuesToList();
    }

    /** Latest card risk profile per card token, as the compacted topic would keep it. */
    public Map<String, CardRiskProfile> cardRisk() {
        return cardRisk.readKeyValuesToMap();
    }

    /** Every card risk record published, in order. */
    public List<CardRiskProfile> cardRiskUpdates() {
        return cardRisk.readValuesToList();
    }

    public String tokenOf(String cardNumber) {
        return settings.cardToken().tokenOf(cardNumber);
    }

    public double lateRecords() {
        return metricTotal(CardProcessor.LATE_RECORDS_METRIC);
    }

    /** The {@code <name>-total} of one of the card stage's sensors, summed over tasks. */
    public double metricTotal(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name + "-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    /** Every record of every topic the topology wrote (outputs, repartitions, changelogs), as raw bytes. */
    public List<TestRecord<byte[], byte[]>> everythingWritten() {
        return driver.producedTopicNames().stream()
                .flatMap(topic -> driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList().stream())
                .toList();
    }

    /** The records written to one topic since the last read of it, as raw bytes. */
    public List<TestRecord<byte[], byte[]>> written(String topic) {
        return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    }

    public java.util.Set<String> topicsWritten() {
        return driver.producedTopicNames();
    }

    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
