package io.streamsuite.kit.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a refusal to start over settings into one line naming the setting, in place of Spring's exception chain:
 * an {@link InvalidSettingException} (card-token key, token verifier), a {@code streams-kit.*} value that fails
 * validation or conversion, a Kafka or registry client setting the client refuses ({@link ConfigException}).
 * Ahead of Spring Boot's own analyzers, which print several lines per property.
 */
public class StartupRefusalAnalyzer implements FailureAnalyzer, Ordered {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            FailureAnalysis analysis = analyzeOne(cause);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

    private static FailureAnalysis analyzeOne(Throwable cause) {
        if (cause instanceof InvalidSettingException invalid) {
            return new FailureAnalysis(oneLine(invalid.getMessage()), "Set " + invalid.setting() + " and start again.",
                    invalid);
        }
        if (cause instanceof BindValidationException validation) {
            List<String> problems = new ArrayList<>();
            String prefix = validation.getValidationErrors().getName().toString();
            for (ObjectError error : validation.getValidationErrors().getAllErrors()) {
                String message = String.valueOf(error.getDefaultMessage());
                String name = error instanceof FieldError field ? prefix + "." + field.getField() : prefix;
                problems.add(message.contains(name) ? message : name + ": " + message);
            }
            return new FailureAnalysis("Invalid settings: " + oneLine(String.join("; ", problems)),
                    "Set the settings named above and start again.", validation);
        }
        if (cause instanceof BindException bind && bind.getProperty() != null) {
            String name = bind.getProperty().getName().toString();
            return new FailureAnalysis("Invalid value '" + bind.getProperty().getValue() + "' for " + name + ": "
                    + oneLine(rootMessage(bind)), "Correct " + name + " and start again.", bind);
        }
        if (cause instanceof ConfigException config) {
            return new FailureAnalysis("Invalid Kafka or schema registry setting: " + oneLine(config.getMessage()),
                    "Correct the setting named above and start again.", config);
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
