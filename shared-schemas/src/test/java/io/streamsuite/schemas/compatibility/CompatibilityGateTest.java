package io.streamsuite.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityGateTest {

    private static final Path REAL_HISTORY = Path.of("src/main/schema-history");
    private static final Path REAL_CURRENT = Path.of("src/main/avro/current");

    @Test
    void realSchemasPassTheGate() {
        List<Violation> violations = CompatibilityGate.check(REAL_HISTORY, REAL_CURRENT);

        assertThat(violations)
                .as("schema compatibility violations (fix the schema, or release it as a new subject)")
                .isEmpty();
    }

    @Test
    void guardsTheRealTransactionAgainstMakingDeviceIdRequired(@TempDir Path copy) throws IOException {
        Path history = copyTree(REAL_HISTORY, copy.resolve("history"));
        Path current = copyTree(REAL_CURRENT, copy.resolve("current"));
        Path transaction = current.resolve("payments/Transaction.avsc");
        String required = Files.readString(transaction)
                .replace("\"type\": [\n        \"null\",\n        \"string\"\n      ],\n      \"default\": null,", "\"type\": \"string\",");
        assertThat(required).isNotEqualTo(Files.readString(transaction));
        Files.writeString(transaction, required);

        List<Violation> violations = CompatibilityGate.check(history, current);

        // v1 has no deviceId: new readers have no default for it. v2 has it nullable: the types no longer match both ways.
        assertThat(violations).isNotEmpty().allSatisfy(v -> {
            assertThat(v.subject()).isEqualTo("payments/Transaction");
            assertThat(v.level()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        });
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.version()).isEqualTo("v1");
            assertThat(v.reason()).startsWith("BACKWARD").contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("deviceId");
            assertThat(v.location()).isEqualTo("/fields/11");
        });
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.version()).isEqualTo("v2");
            assertThat(v.reason()).startsWith("BACKWARD");
            assertThat(v.location()).startsWith("/fields/11/type");
        });
    }

    @Test
    void rejectsNewRequiredFieldWithoutDefault() {
        List<Violation> violations = checkFixture("new-required-field");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.subject()).isEqualTo("shop/Order");
            assertThat(v.version()).isEqualTo("v1");
            assertThat(v.level()).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
            assertThat(v.reason()).startsWith("BACKWARD").contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("quantity");
            assertThat(v.location()).isEqualTo("/fields/1");
        });
    }

    @Test
    void rejectsChangedFieldType() {
        List<Violation> violations = checkFixture("changed-type");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo("v1");
            assertThat(v.reason()).contains("TYPE_MISMATCH");
            assertThat(v.location()).isEqualTo("/fields/1/type");
        });
    }

    @Test
    void violationMessageNamesSchemaVersionLevelReasonAndPath() {
        Violation violation = checkFixture("changed-type").get(0);

        assertThat(violation.toString())
                .contains("shop/Order", "v1", "BACKWARD_TRANSITIVE", "TYPE_MISMATCH", "/fields/1/type");
    }

    @Test
    void fullLevelRejectsChangeThatIsOnlyBackwardCompatible() {
        List<Violation> violations = checkFixture("removed-field-full");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
            assertThat(v.reason()).startsWith("FORWARD").contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("note");
            assertThat(v.location()).isEqualTo("/fields/1");
        });
    }

    @Test
    void backwardLevelAcceptsRemovingAField() {
        assertThat(checkFixture("removed-field-backward")).isEmpty();
    }

    @Test
    void fullLevelAcceptsOptionalFieldWithNullDefault() {
        assertThat(checkFixture("optional-field-added-full")).isEmpty();
    }

    @Test
    void checksEveryEarlierVersionNotOnlyTheLatest() {
        List<Violation> violations = checkFixture("breaks-only-first-version");

        assertThat(violations).extracting(Violation::version).containsExactly("v1");
        assertThat(violations.get(0).reason()).contains("TYPE_MISMATCH");
    }

    @Test
    void rejectsEnumGrowthUnderFullWhenOldReaderHasNoDefaultSymbol() {
        List<Violation> violations = checkFixture("enum-grows-without-default");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.reason()).startsWith("FORWARD").contains("MISSING_ENUM_SYMBOLS").contains("SHIPPED");
            assertThat(v.location()).isEqualTo("/fields/1/type/symbols");
        });
    }

    @Test
    void acceptsEnumGrowthUnderFullWhenOldReaderHasDefaultSymbol() {
        assertThat(checkFixture("enum-grows-with-default")).isEmpty();
    }

    @Test
    void rejectsRenamedRecord() {
        assertThat(checkFixture("renamed-record"))
                .anySatisfy(v -> assertThat(v.reason()).contains("full name changed from fixture.shop.Order to fixture.shop.Purchase"))
                .anySatisfy(v -> assertThat(v.reason()).contains("NAME_MISMATCH"));
    }

    @Test
    void rejectsCurrentSchemaWithoutReleasedVersion() {
        List<Violation> violations = checkFixture("missing-history");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.subject()).isEqualTo("shop/Order");
            assertThat(v.reason()).contains("no released version").contains("shop/Order/v1.avsc");
        });
    }

    @Test
    void rejectsReleasedVersionThatDoesNotParse() {
        List<Violation> violations = checkFixture("unparseable-history");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo("v2");
            assertThat(v.reason()).contains("does not parse");
        });
    }

    @Test
    void rejectsGapInReleasedVersions() {
        List<Violation> violations = checkFixture("gap-in-versions");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo("v1");
            assertThat(v.reason()).contains("missing from the history");
        });
    }

    @Test
    void rejectsDeletingAReleasedSchema() {
        List<Violation> violations = checkFixture("history-without-current");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.subject()).isEqualTo("shop/Gone");
            assertThat(v.reason()).contains("no current schema");
        });
    }

    @Test
    void rejectsUnknownSubjectOrLevelInLevelsFile() {
        List<Violation> violations = checkFixture("levels-typo");

        assertThat(violations).extracting(Violation::subject, Violation::reason).containsExactlyInAnyOrder(
                tuple("shop/Order", "compatibility.properties names unknown level 'FULLY'"),
                tuple("shop/Ordr", "compatibility.properties names a subject with no current schema"));
    }

    @Test
    void refusesRootThatIsNotADirectory() {
        assertThatThrownBy(() -> CompatibilityGate.check(Path.of("no-such-history"), REAL_CURRENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-history");
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return to;
    }

    private static List<Violation> checkFixture(String name) {
        Path root = fixture(name);
        return CompatibilityGate.check(root.resolve("history"), root.resolve("current"));
    }

    private static Path fixture(String name) {
        try {
            return Path.of(CompatibilityGateTest.class.getResource("/compatibility-fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
