package io.streamsuite.fraud.card;

import io.streamsuite.schemas.payments.AccountProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An account's profile versions, oldest first, each valid from its {@code updatedAt} until the next:
 * what a versioned store keeps, held as one value of a global key-value store. Kafka Streams 4.2.1
 * cannot restore a versioned store as a global store (its restore runs the global processor against
 * the store before the store is open), so the history is kept here. A version of a null profile is a
 * deletion.
 */
public final class ProfileHistory {

    private static final ProfileHistory EMPTY = new ProfileHistory(List.of());

    private final List<Version> versions;

    private ProfileHistory(List<Version> versions) {
        this.versions = versions;
    }

    public static ProfileHistory empty() {
        return EMPTY;
    }

    /**
     * With this version added where its time puts it (replacing one of the same time), dropping the
     * versions no lookup within {@code retentionMs} of the newest one can reach any more.
     */
    public ProfileHistory with(long validFrom, AccountProfile profile, long retentionMs) {
        List<Version> next = new ArrayList<>(versions.size() + 1);
        int at = 0;
        while (at < versions.size() && versions.get(at).validFrom() < validFrom) {
            next.add(versions.get(at++));
        }
        next.add(new Version(validFrom, profile));
        if (at < versions.size() && versions.get(at).validFrom() == validFrom) {
            at++;
        }
        while (at < versions.size()) {
            next.add(versions.get(at++));
        }
        long horizon = next.get(next.size() - 1).validFrom() - retentionMs;
        int keepFrom = 0;
        while (keepFrom + 1 < next.size() && next.get(keepFrom + 1).validFrom() <= horizon) {
            keepFrom++;
        }
        return new ProfileHistory(List.copyOf(next.subList(keepFrom, next.size())));
    }

    /** The profile valid at {@code time}: the latest version from at or before it; null if none or deleted. */
    public AccountProfile at(long time) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).validFrom() <= time) {
                return versions.get(i).profile();
            }
        }
        return null;
    }

    public int size() {
        return versions.size();
    }

    /** Profiles go through the given serde (the topic's Avro one), the rest is a small fixed layout. */
    public static Serde<ProfileHistory> serde(String topic, Serde<AccountProfile> profiles) {
        Serializer<AccountProfile> profileWriter = profiles.serializer();
        Deserializer<AccountProfile> profileReader = profiles.deserializer();
        return Serdes.serdeFrom(
                (Serializer<ProfileHistory>) (t, history) -> history == null ? null : history.toBytes(topic, profileWriter),
                (Deserializer<ProfileHistory>) (t, bytes) -> bytes == null ? null : fromBytes(bytes, topic, profileReader));
    }

    private byte[] toBytes(String topic, Serializer<AccountProfile> profiles) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128 * Math.max(1, versions.size()));
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(versions.size());
            for (Version version : versions) {
                out.writeLong(version.validFrom());
                byte[] profile = version.profile() == null ? null : profiles.serialize(topic, version.profile());
                out.writeInt(profile == null ? -1 : profile.length);
                if (profile != null) {
                    out.write(profile);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static ProfileHistory fromBytes(byte[] bytes, String topic, Deserializer<AccountProfile> profiles) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int count = in.readInt();
            List<Version> versions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long validFrom = in.readLong();
                int length = in.readInt();
                AccountProfile profile = null;
                if (length >= 0) {
                    byte[] profileBytes = new byte[length];
                    in.readFully(profileBytes);
                    profile = profiles.deserialize(topic, profileBytes);
                }
                versions.add(new Version(validFrom, profile));
            }
            return new ProfileHistory(List.copyOf(versions));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Not a ProfileHistory: " + e.getMessage(), e);
        }
    }

    private record Version(long validFrom, AccountProfile profile) {
    }
}
