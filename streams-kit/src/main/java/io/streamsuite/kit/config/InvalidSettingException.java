package io.streamsuite.kit.config;

/**
 * A setting that is missing or wrong, so the service refuses to start. {@link StartupRefusalAnalyzer} prints the
 * message as one line (no exception chain): say there which setting to set, and its environment variable.
 */
public class InvalidSettingException extends IllegalStateException {

    private final String setting;

    public InvalidSettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The property to set, e.g. {@code fraud.card-token.secret}. */
    public String setting() {
        return setting;
    }
}
