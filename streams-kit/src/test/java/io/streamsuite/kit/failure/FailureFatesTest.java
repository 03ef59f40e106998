package io.streamsuite.kit.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.SchemaRegistryAccessDeniedException;
import io.streamsuite.kit.serde.SchemaRegistryUnavailableException;
import io.streamsuite.kit.serde.UndecodableRecordException;
import java.io.EOFException;
import java.io.IOException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;

/** The non-HTTP rows of the table in {@link FailureFate}. */
class FailureFatesTest {

    @Test
    void aStateStoreFailureIsTransientNeverPermanent() {
        assertThat(FailureFates.of(new ProcessorStateException("Error while putting key into store counts")))
                .isEqualTo(FailureFate.TRANSIENT);
        assertThat(FailureFates.of(new StreamsException(new ProcessorStateException("flush failed",
                new RocksDBException("While appending to file: 000012.log: No space left on device")))))
                .isEqualTo(FailureFate.TRANSIENT);
        assertThat(FailureFates.of(new StreamsException("checkpoint",
                new IOException("No space left on device")))).isEqualTo(FailureFate.TRANSIENT);
    }

    @Test
    void aRegistryOutageInsideAStreamsExceptionIsTransient() {
        assertThat(FailureFates.of(new StreamsException(new SchemaRegistryUnavailableException("down", null))))
                .isEqualTo(FailureFate.TRANSIENT);
    }

    @Test
    void badBytesStayPermanentEvenWhenAvroReportsThemAsAnIOException() {
        assertThat(FailureFates.of(new UndecodableRecordException("t", 3, "truncated", new EOFException())))
                .isEqualTo(FailureFate.PERMANENT);
    }

    @Test
    void authenticationAndAuthorizationFailuresAreFatalWhereverTheyComeFrom() {
        assertThat(FailureFates.of(new StreamsException(new SchemaRegistryAccessDeniedException("HTTP 403"))))
                .isEqualTo(FailureFate.FATAL);
        assertThat(FailureFates.of(new TopicAuthorizationException("not allowed to write"))).isEqualTo(FailureFate.FATAL);
        assertThat(FailureFates.of(new SaslAuthenticationException("bad password"))).isEqualTo(FailureFate.FATAL);
    }

    @Test
    void theServicesOwnExceptionsAndRejectedOutputsArePermanent() {
        assertThat(FailureFates.of(new IllegalStateException("rule bug on this record"))).isEqualTo(FailureFate.PERMANENT);
        assertThat(FailureFates.of(new SerializationException("cannot encode"))).isEqualTo(FailureFate.PERMANENT);
        assertThat(FailureFates.of(new RecordTooLargeException("over max.message.bytes"))).isEqualTo(FailureFate.PERMANENT);
    }
}
