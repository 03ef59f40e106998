package io.streamsuite.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import io.streamsuite.schemas.payments.CardRiskProfile;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.ScoredTransaction;

/** The house rules every schema follows, checked over every current .avsc so a new schema cannot skip them. */
class SchemaConventionsTest {

    private static final Path CURRENT = Path.of("src/main/avro/current");
    private static final Path HISTORY = Path.of("src/main/schema-history");
    private static final Set<String> DOMAINS = Set.of("payments", "web", "shop", "iot");

    @Test
    void everySchemaLivesInItsDomainNamespaceUnderItsFileName() {
        forEachCurrent((file, schema) -> {
            String domain = CURRENT.relativize(file).getName(0).toString();
            assertThat(DOMAINS).contains(domain);
            assertThat(schema.getFullName())
                    .isEqualTo("io.streamsuite.schemas." + domain + "." + file.getFileName().toString().replace(".avsc", ""));
        });
    }

    @Test
    void everyEnumHasADefaultSymbolListedFirst() {
        forEachNamedType(type -> {
            if (type.getType() == Schema.Type.ENUM) {
                assertThat(type.getEnumDefault()).as(type.getFullName()).isEqualTo("UNKNOWN");
                assertThat(type.getEnumSymbols().get(0)).as(type.getFullName()).isEqualTo("UNKNOWN");
            }
        });
    }

    @Test
    void everyRecordAndFieldHasADoc() {
        forEachNamedType(type -> {
            assertThat(type.getDoc()).as(type.getFullName()).isNotBlank();
            if (type.getType() == Schema.Type.RECORD) {
                type.getFields().forEach(field ->
                        assertThat(field.doc()).as(type.getFullName() + "." + field.name()).isNotBlank());
            }
        });
    }

    @Test
    void timesAreTimestampMillisAndMoneyIsDecimal12Scale2() {
        Set<String> moneyFields = Set.of("amount", "typicalSpend", "price");
        forEachNamedType(type -> {
            if (type.getType() != Schema.Type.RECORD) {
                return;
            }
            for (Schema.Field field : type.getFields()) {
                String name = field.name();
                String where = type.getFullName() + "." + name;
                if (name.endsWith("Time") || name.endsWith("At") || name.equals("lastSeen")
                        || name.equals("windowStart") || name.equals("windowEnd")
                        || name.equals("sessionStart") || name.equals("sessionEnd")) {
                    // An optional time is a union with null: its other branch is the timestamp.
                    Schema time = field.schema().isNullable() && field.schema().isUnion()
                            ? field.schema().getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow()
                            : field.schema();
                    assertThat(time.getProp(LogicalType.LOGICAL_TYPE_PROP)).as(where).isEqualTo("timestamp-millis");
                }
                if (moneyFields.contains(name)) {
                    assertThat(field.schema().getLogicalType()).as(where).isInstanceOf(LogicalTypes.Decimal.class);
                    LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) field.schema().getLogicalType();
                    assertThat(List.of(decimal.getPrecision(), decimal.getScale())).as(where + " precision, scale")
                            .containsExactly(12, 2);
                }
            }
        });
    }

    @Test
    void nullableFieldsDefaultToNull() {
        forEachNamedType(type -> {
            if (type.getType() == Schema.Type.RECORD) {
                type.getFields().stream().filter(field -> field.schema().isNullable()).forEach(field -> {
                    assertThat(field.schema().getTypes().get(0).getType()).as(field.name()).isEqualTo(Schema.Type.NULL);
                    assertThat(field.defaultVal()).as(field.name()).isEqualTo(JsonProperties.NULL_VALUE);
                });
            }
        });
    }

    @Test
    void fraudOutputsCarryNoCardNumber() {
        for (Schema output : List.of(ScoredTransaction.getClassSchema(), FraudAlert.getClassSchema(),
                CardRiskProfile.getClassSchema())) {
            assertThat(output.getFields()).extracting(Schema.Field::name)
                    .as(output.getName())
                    .doesNotContain("cardId", "cardNumber", "pan")
                    .contains("cardToken", "cardLast4");
        }
    }

    @Test
    void latestReleasedVersionOfEverySchemaIsItsCurrentSchema() {
        forEachCurrent((file, schema) -> {
            Path dir = HISTORY.resolve(CURRENT.relativize(file).toString().replace(".avsc", ""));
            Path latest;
            try (Stream<Path> versions = Files.list(dir)) {
                latest = versions.max((a, b) -> Integer.compare(version(a), version(b))).orElseThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(parse(latest).toString(true)).as(latest.toString()).isEqualTo(schema.toString(true));
        });
    }

    @Test
    void transactionAndSensorReadingHaveV2WithOneOptionalField() {
        assertThat(addedFields("payments/Transaction")).containsExactly("deviceId");
        assertThat(addedFields("iot/SensorReading")).containsExactly("firmwareVersion");
    }

    @Test
    void deviceAlertV2AddsClearedAndPredictedAtWithDefaultsAndSiteStatsStartsAtV1() {
        Schema v1 = parse(HISTORY.resolve("iot/DeviceAlert/v1.avsc"));
        Schema v2 = parse(HISTORY.resolve("iot/DeviceAlert/v2.avsc"));
        assertThat(v2.getFields()).extracting(Schema.Field::name).containsSubsequence(
                v1.getFields().stream().map(Schema.Field::name).toArray(String[]::new)).endsWith("cleared", "predictedAt");
        assertThat(v2.getField("cleared").defaultVal()).isEqualTo(false);
        assertThat(v2.getField("predictedAt").schema().isNullable()).isTrue();
        assertThat(Files.exists(HISTORY.resolve("iot/SiteStats/v1.avsc"))).isTrue();
        assertThat(Files.exists(HISTORY.resolve("iot/SiteStats/v2.avsc"))).isFalse();
    }

    @Test
    void webV2SchemasOnlyAddFieldsWithDefaults() {
        assertThat(addedFields("web/PageView")).containsExactly("synthetic");
        assertThat(addedFields("web/PageViewWindow")).containsExactly("p50LatencyMs", "p99LatencyMs");
        Schema v1 = parse(HISTORY.resolve("web/UserSession/v1.avsc"));
        Schema v2 = parse(HISTORY.resolve("web/UserSession/v2.avsc"));
        assertThat(v2.getFields()).extracting(Schema.Field::name)
                .containsSubsequence(v1.getFields().stream().map(Schema.Field::name).toArray(String[]::new))
                .endsWith("durationMs", "entryPage", "exitPage", "bounce");
        assertThat(v2.getFields()).filteredOn(field -> v1.getField(field.name()) == null)
                .allSatisfy(field -> assertThat(field.hasDefaultValue()).as(field.name()).isTrue());
    }

    @Test
    void topicsOtherTeamsConsumeAreFullTransitive() throws IOException {
        Properties levels = new Properties();
        try (Reader reader = Files.newBufferedReader(HISTORY.resolve("compatibility.properties"))) {
            levels.load(reader);
        }
        assertThat(levels.getProperty("default")).isEqualTo("BACKWARD_TRANSITIVE");
        for (String subject : List.of("payments/Transaction", "payments/FraudAlert", "payments/ScoredTransaction",
                "iot/SensorReading", "iot/DeviceAlert", "iot/SiteStats")) {
            assertThat(levels.getProperty(subject)).as(subject).isEqualTo("FULL_TRANSITIVE");
        }
    }

    private static List<String> addedFields(String subject) {
        Schema v1 = parse(HISTORY.resolve(subject).resolve("v1.avsc"));
        Schema v2 = parse(HISTORY.resolve(subject).resolve("v2.avsc"));
        List<String> added = new ArrayList<>();
        for (Schema.Field field : v2.getFields()) {
            if (v1.getField(field.name()) == null) {
                assertThat(field.hasDefaultValue()).as(field.name()).isTrue();
                assertThat(field.schema().isNullable()).as(field.name()).isTrue();
                added.add(field.name());
            }
        }
        assertThat(v2.getFields()).hasSize(v1.getFields().size() + added.size());
        return added;
    }

    private static int version(Path file) {
        return Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
    }

    private interface SchemaCheck {
        void accept(Path file, Schema schema);
    }

    private static void forEachCurrent(SchemaCheck check) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CURRENT)) {
            files = walk.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(23);
        files.forEach(file -> check.accept(file, parse(file)));
    }

    /** Visits every record and enum reachable from every current schema, nested ones included. */
    private static void forEachNamedType(Consumer<Schema> check) {
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        forEachCurrent((file, schema) -> visit(schema, seen, check));
        assertThat(seen).isNotEmpty();
    }

    private static void visit(Schema schema, Map<Schema, Boolean> seen, Consumer<Schema> check) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.put(schema, Boolean.TRUE) == null) {
                    check.accept(schema);
                    schema.getFields().forEach(field -> visit(field.schema(), seen, check));
                }
            }
            case ENUM -> {
                if (seen.put(schema, Boolean.TRUE) == null) {
                    check.accept(schema);
                }
            }
            case ARRAY -> visit(schema.getElementType(), seen, check);
            case MAP -> visit(schema.getValueType(), seen, check);
            case UNION -> schema.getTypes().forEach(type -> visit(type, seen, check));
            default -> {
            }
        }
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
