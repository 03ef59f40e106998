package io.streamsuite.kit.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real Kafka broker and a real schema registry, reached through
 * {@link KafkaStack}. Both start once per test JVM and stop when it ends; with {@code KAFKA_BOOTSTRAP_SERVERS}
 * and {@code SCHEMA_REGISTRY_URL} set in the environment, nothing starts and those are used instead.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaStackExtension.class)
public @interface WithKafkaStack {
}
