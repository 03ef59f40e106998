package io.streamsuite.kit.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Avro data as clean JSON and back. Walks the schema rather than the Java object, so no
 * {@code schema}/{@code specificData} internals leak; logical types become what a reader expects
 * (exact decimals, ISO-8601 times) and unions are unwrapped.
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();
    /** Resolves union branches for both Avro's raw forms and the logical-type classes SpecificRecords hold. */
    private static final SpecificData UNION_RESOLVER = new SpecificData();

    static {
        UNION_RESOLVER.addLogicalTypeConversion(DECIMALS);
        UNION_RESOLVER.addLogicalTypeConversion(new Conversions.UUIDConversion());
        UNION_RESOLVER.addLogicalTypeConversion(new TimeConversions.DateConversion());
        UNION_RESOLVER.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        UNION_RESOLVER.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        UNION_RESOLVER.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        UNION_RESOLVER.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        UNION_RESOLVER.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        UNION_RESOLVER.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    }

    private AvroJson() {
    }

    /**
     * Any value a store may hold: Avro records, enums, fixed and arrays by their own schema; plain
     * Java values (counts, strings, times, collections) as the obvious JSON.
     */
    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof GenericContainer container) {
            return toJson(value, container.getSchema());
        }
        if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof UUID) {
            return NODES.stringNode(value.toString());
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long longValue) {
            return NODES.numberNode(longValue);
        }
        if (value instanceof Double || value instanceof Float) {
            return floating(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return DecimalNode.valueOf(decimal);
        }
        if (value instanceof BigInteger integer) {
            return NODES.numberNode(integer);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof ByteBuffer buffer) {
            return NODES.stringNode(base64(buffer));
        }
        if (value instanceof byte[] bytes) {
            return NODES.stringNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Temporal) {
            return NODES.stringNode(value.toString());
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof Iterable<?> iterable) {
            ArrayNode array = NODES.arrayNode();
            iterable.forEach(element -> array.add(toJson(element)));
            return array;
        }
        return MAPPER.valueToTree(value);
    }

    /** An Avro datum (generic or specific representation) rendered by its schema. */
    public static JsonNode toJson(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null) {
            JsonNode logical = logicalToJson(datum, schema, logicalType);
            if (logical != null) {
                return logical;
            }
        }
        switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) datum;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                return object;
            }
            case UNION -> {
                int branch = UNION_RESOLVER.resolveUnion(schema, datum);
                return toJson(datum, schema.getTypes().get(branch));
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object element : (Collection<?>) datum) {
                    array.add(toJson(element, schema.getElementType()));
                }
                return array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) datum).forEach((k, v) -> object.set(k.toString(), toJson(v, schema.getValueType())));
                return object;
            }
            case ENUM, STRING -> {
                return NODES.stringNode(datum.toString());
            }
            case FIXED -> {
                return NODES.stringNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            }
            case BYTES -> {
                return datum instanceof byte[] bytes
                        ? NODES.stringNode(Base64.getEncoder().encodeToString(bytes))
                        : NODES.stringNode(base64((ByteBuffer) datum));
            }
            case INT -> {
                return NODES.numberNode(((Number) datum).intValue());
            }
            case LONG -> {
                return NODES.numberNode(((Number) datum).longValue());
            }
            case FLOAT, DOUBLE -> {
                return floating(((Number) datum).doubleValue());
            }
            case BOOLEAN -> {
                return NODES.booleanNode((Boolean) datum);
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    /** A time window around a key, as windowed store results render. {@code windowEnd} may be null (unknown). */
    public static ObjectNode windowed(JsonNode key, Instant windowStart, Instant windowEnd) {
        ObjectNode object = NODES.objectNode();
        object.set("key", key);
        object.put("windowStart", windowStart.toString());
        if (windowEnd != null) {
            object.put("windowEnd", windowEnd.toString());
        }
        return object;
    }

    /** Parses JSON text; malformed text is an {@link AvroJsonException}. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new AvroJsonException("", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** JSON (as rendered by {@link #toJson}, or typed by hand) to a GenericRecord of the given record schema. */
    public static GenericRecord toRecord(JsonNode json, Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("not a record schema: " + schema.getFullName());
        }
        return (GenericRecord) fromJson(json, schema, "");
    }

    /** JSON to a SpecificRecord; logical types come out as the class declares them (BigDecimal, Instant). */
    public static <T extends SpecificRecord> T toRecord(JsonNode json, Class<T> type) {
        SpecificData data = SpecificData.getForClass(type);
        Schema schema = data.getSchema(type);
        GenericRecord generic = toRecord(json, schema);
        // A binary round trip converts the raw generic form into the class's own field types.
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(generic, encoder);
            encoder.flush();
            SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
            return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException | AvroRuntimeException e) {
            throw new AvroJsonException("", "cannot build " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    /** ISO-8601 instant ({@code 2024-05-01T10:00:00Z}, with any offset) or epoch milliseconds. */
    public static Instant parseInstant(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("-?\\d+")) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                throw new DateTimeParseException("not epoch milliseconds", text, 0);
            }
        }
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(trimmed).toInstant();
        }
    }

    private static JsonNode logicalToJson(Object datum, Schema schema, LogicalType logicalType) {
        switch (logicalType.getName()) {
            case "decimal" -> {
                if (datum instanceof BigDecimal decimal) {
                    return DecimalNode.valueOf(decimal);
                }
                if (datum instanceof ByteBuffer buffer) {
                    return DecimalNode.valueOf(DECIMALS.fromBytes(buffer.duplicate(), schema, logicalType));
                }
                if (datum instanceof GenericFixed fixed) {
                    return DecimalNode.valueOf(DECIMALS.fromFixed(fixed, schema, logicalType));
                }
                return null;
            }
            case "timestamp-millis" -> {
                return iso(datum, value -> Instant.ofEpochMilli(value));
            }
            case "timestamp-micros" -> {
                return iso(datum, value -> Instant.EPOCH.plus(value, ChronoUnit.MICROS));
            }
            case "timestamp-nanos" -> {
                return iso(datum, value -> Instant.EPOCH.plus(value, ChronoUnit.NANOS));
            }
            case "local-timestamp-millis" -> {
                return iso(datum, value -> LocalDateTime.ofInstant(Instant.ofEpochMilli(value), ZoneOffset.UTC));
            }
            case "local-timestamp-micros" -> {
                return iso(datum, value -> LocalDateTime.ofInstant(Instant.EPOCH.plus(value, ChronoUnit.MICROS), ZoneOffset.UTC));
            }
            case "date" -> {
                return iso(datum, LocalDate::ofEpochDay);
            }
            case "time-millis" -> {
                return iso(datum, value -> LocalTime.ofNanoOfDay(value * 1_000_000L));
            }
            case "time-micros" -> {
                return iso(datum, value -> LocalTime.ofNanoOfDay(value * 1_000L));
            }
            case "uuid" -> {
                return NODES.stringNode(datum.toString());
            }
            default -> {
                return null;
            }
        }
    }

    private static JsonNode iso(Object datum, java.util.function.LongFunction<Temporal> fromRaw) {
        if (datum instanceof Temporal temporal) {
            return NODES.stringNode(temporal.toString());
        }
        if (datum instanceof Number number) {
            return NODES.stringNode(fromRaw.apply(number.longValue()).toString());
        }
        return null;
    }

    private static JsonNode floating(double value) {
        // JSON has no NaN or infinity; a string keeps the information without breaking parsers.
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.stringNode(Double.toString(value));
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Object fromJson(JsonNode json, Schema schema, String path) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null && schema.getType() != Schema.Type.UNION) {
            Object logical = logicalFromJson(json, schema, logicalType, path);
            if (logical != null) {
                return logical;
            }
        }
        switch (schema.getType()) {
            case RECORD -> {
                if (json == null || !json.isObject()) {
                    throw new AvroJsonException(path, "expected an object for record " + schema.getName() + ", got " + describe(json));
                }
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
                    JsonNode value = json.get(field.name());
                    if (value == null) {
                        if (!field.hasDefaultValue()) {
                            throw new AvroJsonException(fieldPath, "is required");
                        }
                        record.put(field.pos(), GenericData.get().getDefaultValue(field));
                    } else {
                        record.put(field.pos(), fromJson(value, field.schema(), fieldPath));
                    }
                }
                for (String name : json.propertyNames()) {
                    if (schema.getField(name) == null) {
                        String fieldPath = path.isEmpty() ? name : path + "." + name;
                        throw new AvroJsonException(fieldPath, "is not a field of " + schema.getName());
                    }
                }
                return record;
            }
            case UNION -> {
                if (json == null || json.isNull()) {
                    if (schema.getTypes().stream().anyMatch(type -> type.getType() == Schema.Type.NULL)) {
                        return null;
                    }
                    throw new AvroJsonException(path, "must not be null");
                }
                List<Schema> branches = schema.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).toList();
                if (branches.size() == 1) {
                    // An optional value: the branch's own error names the field more precisely.
                    return fromJson(json, branches.get(0), path);
                }
                List<String> tried = new ArrayList<>();
                for (Schema branch : branches) {
                    try {
                        return fromJson(json, branch, path);
                    } catch (AvroJsonException e) {
                        tried.add(branch.getLogicalType() != null ? branch.getLogicalType().getName() : branch.getName());
                    }
                }
                throw new AvroJsonException(path, "matches none of " + tried + ", got " + describe(json));
            }
            case ARRAY -> {
                if (json == null || !json.isArray()) {
                    throw new AvroJsonException(path, "expected an array, got " + describe(json));
                }
                List<Object> list = new ArrayList<>(json.size());
                for (int i = 0; i < json.size(); i++) {
                    list.add(fromJson(json.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return new GenericData.Array<>(schema, list);
            }
            case MAP -> {
                if (json == null || !json.isObject()) {
                    throw new AvroJsonException(path, "expected an object (map), got " + describe(json));
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : json.properties()) {
                    map.put(entry.getKey(), fromJson(entry.getValue(), schema.getValueType(), path + "." + entry.getKey()));
                }
                return map;
            }
            case ENUM -> {
                String symbol = requireString(json, path, "an enum symbol of " + schema.getName());
                if (!schema.hasEnumSymbol(symbol)) {
                    throw new AvroJsonException(path, "'" + symbol + "' is not one of " + schema.getEnumSymbols());
                }
                return new GenericData.EnumSymbol(schema, symbol);
            }
            case STRING -> {
                return requireString(json, path, "a string");
            }
            case BYTES -> {
                return ByteBuffer.wrap(decodeBase64(json, path));
            }
            case FIXED -> {
                byte[] bytes = decodeBase64(json, path);
                if (bytes.length != schema.getFixedSize()) {
                    throw new AvroJsonException(path, "expected " + schema.getFixedSize() + " bytes, got " + bytes.length);
                }
                return new GenericData.Fixed(schema, bytes);
            }
            case INT -> {
                if (json == null || !json.isIntegralNumber() || !json.canConvertToInt()) {
                    throw new AvroJsonException(path, "expected an int, got " + describe(json));
                }
                return json.intValue();
            }
            case LONG -> {
                if (json == null || !json.isIntegralNumber() || !json.canConvertToLong()) {
                    throw new AvroJsonException(path, "expected a long, got " + describe(json));
                }
                return json.longValue();
            }
            case FLOAT -> {
                return (float) requireNumber(json, path);
            }
            case DOUBLE -> {
                return requireNumber(json, path);
            }
            case BOOLEAN -> {
                if (json == null || !json.isBoolean()) {
                    throw new AvroJsonException(path, "expected true or false, got " + describe(json));
                }
                return json.booleanValue();
            }
            case NULL -> {
                if (json != null && !json.isNull()) {
                    throw new AvroJsonException(path, "expected null, got " + describe(json));
                }
                return null;
            }
            default -> throw new AvroJsonException(path, "unsupported schema type " + schema.getType());
        }
    }

    private static Object logicalFromJson(JsonNode json, Schema schema, LogicalType logicalType, String path) {
        switch (logicalType.getName()) {
            case "decimal" -> {
                LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) logicalType;
                BigDecimal value;
                if (json != null && json.isNumber()) {
                    value = json.decimalValue();
                } else if (json != null && json.isString()) {
                    try {
                        value = new BigDecimal(json.stringValue().trim());
                    } catch (NumberFormatException e) {
                        throw new AvroJsonException(path, "expected a decimal number, got " + describe(json));
                    }
                } else {
                    throw new AvroJsonException(path, "expected a decimal number, got " + describe(json));
                }
                try {
                    value = value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
                } catch (ArithmeticException e) {
                    throw new AvroJsonException(path, "has more than " + decimal.getScale() + " decimal places: " + value.toPlainString());
                }
                if (value.precision() > decimal.getPrecision()) {
                    throw new AvroJsonException(path, "has more than " + decimal.getPrecision() + " digits: " + value.toPlainString());
                }
                return schema.getType() == Schema.Type.FIXED
                        ? DECIMALS.toFixed(value, schema, logicalType)
                        : DECIMALS.toBytes(value, schema, logicalType);
            }
            case "timestamp-millis" -> {
                return json != null && json.isIntegralNumber() ? json.longValue() : instantOf(json, path).toEpochMilli();
            }
            case "timestamp-micros" -> {
                return json != null && json.isIntegralNumber() ? json.longValue() : ChronoUnit.MICROS.between(Instant.EPOCH, instantOf(json, path));
            }
            case "date" -> {
                if (json != null && json.isIntegralNumber()) {
                    return json.intValue();
                }
                try {
                    return (int) LocalDate.parse(requireString(json, path, "an ISO date")).toEpochDay();
                } catch (DateTimeParseException e) {
                    throw new AvroJsonException(path, "expected an ISO-8601 date, got " + describe(json));
                }
            }
            case "uuid" -> {
                String text = requireString(json, path, "a UUID");
                try {
                    return UUID.fromString(text).toString();
                } catch (IllegalArgumentException e) {
                    throw new AvroJsonException(path, "expected a UUID, got " + describe(json));
                }
            }
            default -> {
                return null;
            }
        }
    }

    private static Instant instantOf(JsonNode json, String path) {
        String text = requireString(json, path, "an ISO-8601 instant or epoch number");
        try {
            return parseInstant(text);
        } catch (DateTimeParseException e) {
            throw new AvroJsonException(path, "expected an ISO-8601 instant, got " + describe(json));
        }
    }

    private static String requireString(JsonNode json, String path, String expected) {
        if (json == null || !json.isString()) {
            throw new AvroJsonException(path, "expected " + expected + ", got " + describe(json));
        }
        return json.stringValue();
    }

    private static double requireNumber(JsonNode json, String path) {
        if (json == null || !json.isNumber()) {
            throw new AvroJsonException(path, "expected a number, got " + describe(json));
        }
        return json.doubleValue();
    }

    private static byte[] decodeBase64(JsonNode json, String path) {
        String text = requireString(json, path, "base64 bytes");
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new AvroJsonException(path, "expected base64 bytes, got " + describe(json));
        }
    }

    private static String describe(JsonNode json) {
        if (json == null) {
            return "nothing";
        }
        String text = json.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
