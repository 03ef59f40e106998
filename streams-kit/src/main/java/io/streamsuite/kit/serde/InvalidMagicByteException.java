package io.streamsuite.kit.serde;

/** The first byte is not the Confluent wire format's magic byte 0: not written by a registry serializer. */
public class InvalidMagicByteException extends UndecodableRecordException {

    public InvalidMagicByteException(String topic, byte found) {
        super(topic, null, String.format("magic byte is 0x%02x, expected 0x00 (not the Confluent wire format)", found), null);
    }
}
