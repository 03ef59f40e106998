package io.streamsuite.kit.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the stack on first use and keeps it in the root store, so every test class of the JVM shares it and
 * JUnit closes it after the last one.
 */
public class KafkaStackExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(StackEnvironment.class, key -> KafkaStack.start(), StackEnvironment.class);
    }
}
