/**
 * A failure's fate, decided in one place: {@link io.streamsuite.kit.failure.FailureFates#of(Throwable)} gives a
 * {@link io.streamsuite.kit.failure.FailureFate} (dead letter, retry, or stop), and every handler of the kit asks it.
 */
package io.streamsuite.kit.failure;
