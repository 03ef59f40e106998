package io.streamsuite.kit.json;

/** JSON that does not fit an Avro schema; the message names the offending field path. */
public class AvroJsonException extends IllegalArgumentException {

    private final String fieldPath;

    public AvroJsonException(String fieldPath, String problem) {
        super(fieldPath.isEmpty() ? problem : "field '" + fieldPath + "': " + problem);
        this.fieldPath = fieldPath;
    }

    /** Dotted path of the bad field ({@code customer.id}, {@code tags[2]}); empty for the root value. */
    public String fieldPath() {
        return fieldPath;
    }
}
