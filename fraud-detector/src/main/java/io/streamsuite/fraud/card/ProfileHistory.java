package io.streamsuite.fraud.card;

import io.streamsuite.schemas.payments.AccountProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
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
        return with(validFrom, profile == null ? null : ProfileVersion.of(profile), retentionMs);
    }

    private ProfileHistory with(long validFrom, ProfileVersion profile, long retentionMs) {
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
    public ProfileVersion at(long time) {
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

    /**
     * Only what the rules read of a profile, in a small fixed layout: no Avro and no registry, so the
     * store never registers a schema under the producer's subject and a lookup decodes no Avro.
     */
    public static final Serde<ProfileHistory> SERDE = Serdes.serdeFrom(
            (Serializer<ProfileHistory>) (t, history) -> history == null ? null : history.toBytes(),
            (Deserializer<ProfileHistory>) (t, bytes) -> bytes == null ? null : fromBytes(bytes));

    private byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(48 * Math.max(1, versions.size()));
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(versions.size());
            for (Version version : versions) {
                out.writeLong(version.validFrom());
                ProfileVersion profile = version.profile();
                out.writeBoolean(profile != null);
                if (profile != null) {
                    out.writeUTF(profile.homeCountry());
                    out.writeUTF(profile.currency());
                    byte[] unscaled = profile.typicalSpend().unscaledValue().toByteArray();
                    out.writeInt(profile.typicalSpend().scale());
                    out.writeShort(unscaled.length);
                    out.write(unscaled);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static ProfileHistory fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int count = in.readInt();
            List<Version> versions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long validFrom = in.readLong();
                ProfileVersion profile = null;
                if (in.readBoolean()) {
                    String homeCountry = in.readUTF();
                    String currency = in.readUTF();
                    int scale = in.readInt();
                    byte[] unscaled = new byte[in.readUnsignedShort()];
                    in.readFully(unscaled);
                    profile = new ProfileVersion(homeCountry, new BigDecimal(new BigInteger(unscaled), scale), currency);
                }
                versions.add(new Version(validFrom, profile));
            }
            if (in.available() > 0) {
                throw new SerializationException(in.available() + " bytes too many");
            }
            return new ProfileHistory(List.copyOf(versions));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Not a ProfileHistory: " + e.getMessage(), e);
        }
    }

    private record Version(long validFrom, ProfileVersion profile) {
    }
}
