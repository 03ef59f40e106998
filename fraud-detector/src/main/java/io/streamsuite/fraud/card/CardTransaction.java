package io.streamsuite.fraud.card;

import io.streamsuite.schemas.payments.Channel;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.Transaction;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A transaction once its card number is replaced by the token: all the card stage passes around.
 * {@code reasons} carries rule hits found before the card rules.
 */
public record CardTransaction(String transactionId, String cardToken, String cardLast4, String accountId,
                              BigDecimal amount, String currency, String merchantId, String merchantCategory,
                              String country, double latitude, double longitude, Channel channel,
                              long eventTime, String deviceId, Set<FraudReason> reasons) {

    /** Hand-written rather than Avro: internal topics need no registry round trip and stay small. */
    public static final Serde<CardTransaction> SERDE = Serdes.serdeFrom(
            (Serializer<CardTransaction>) (topic, value) -> value == null ? null : value.toBytes(),
            (Deserializer<CardTransaction>) (topic, bytes) -> bytes == null ? null : fromBytes(bytes));

    private static final byte FORMAT_VERSION = 1;
    private static final FraudReason[] ALL_REASONS = FraudReason.values();
    private static final Channel[] ALL_CHANNELS = Channel.values();

    public CardTransaction {
        reasons = reasons.isEmpty() ? EnumSet.noneOf(FraudReason.class) : EnumSet.copyOf(reasons);
    }

    public static CardTransaction masked(Transaction tx, CardToken cardToken) {
        return new CardTransaction(tx.getTransactionId(), cardToken.tokenOf(tx.getCardId()), CardToken.last4(tx.getCardId()),
                tx.getAccountId(), tx.getAmount(), tx.getCurrency(), tx.getMerchantId(), tx.getMerchantCategory(),
                tx.getCountry(), tx.getLocation().getLatitude(), tx.getLocation().getLongitude(), tx.getChannel(),
                tx.getEventTime().toEpochMilli(), tx.getDeviceId(), EnumSet.noneOf(FraudReason.class));
    }

    public CardTransaction withReasons(Set<FraudReason> found) {
        if (found.isEmpty()) {
            return this;
        }
        EnumSet<FraudReason> all = EnumSet.copyOf(found);
        all.addAll(reasons);
        return new CardTransaction(transactionId, cardToken, cardLast4, accountId, amount, currency, merchantId,
                merchantCategory, country, latitude, longitude, channel, eventTime, deviceId, all);
    }

    byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT_VERSION);
            out.writeUTF(transactionId);
            out.writeUTF(cardToken);
            out.writeUTF(cardLast4);
            out.writeUTF(accountId);
            byte[] unscaled = amount.unscaledValue().toByteArray();
            out.writeByte(amount.scale());
            out.writeByte(unscaled.length);
            out.write(unscaled);
            out.writeUTF(currency);
            out.writeUTF(merchantId);
            out.writeUTF(merchantCategory);
            out.writeUTF(country);
            out.writeDouble(latitude);
            out.writeDouble(longitude);
            out.writeByte(channel.ordinal());
            out.writeLong(eventTime);
            out.writeBoolean(deviceId != null);
            if (deviceId != null) {
                out.writeUTF(deviceId);
            }
            int mask = 0;
            for (FraudReason reason : reasons) {
                mask |= 1 << reason.ordinal();
            }
            out.writeInt(mask);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static CardTransaction fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("Unknown CardTransaction format version " + version);
            }
            String transactionId = in.readUTF();
            String cardToken = in.readUTF();
            String cardLast4 = in.readUTF();
            String accountId = in.readUTF();
            int scale = in.readByte();
            byte[] unscaled = new byte[in.readUnsignedByte()];
            in.readFully(unscaled);
            BigDecimal amount = new BigDecimal(new BigInteger(unscaled), scale);
            String currency = in.readUTF();
            String merchantId = in.readUTF();
            String merchantCategory = in.readUTF();
            String country = in.readUTF();
            double latitude = in.readDouble();
            double longitude = in.readDouble();
            Channel channel = ALL_CHANNELS[in.readUnsignedByte()];
            long eventTime = in.readLong();
            String deviceId = in.readBoolean() ? in.readUTF() : null;
            int mask = in.readInt();
            EnumSet<FraudReason> reasons = EnumSet.noneOf(FraudReason.class);
            for (FraudReason reason : ALL_REASONS) {
                if ((mask & (1 << reason.ordinal())) != 0) {
                    reasons.add(reason);
                }
            }
            return new CardTransaction(transactionId, cardToken, cardLast4, accountId, amount, currency, merchantId,
                    merchantCategory, country, latitude, longitude, channel, eventTime, deviceId, reasons);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Not a CardTransaction: " + e.getMessage(), e);
        }
    }
}
