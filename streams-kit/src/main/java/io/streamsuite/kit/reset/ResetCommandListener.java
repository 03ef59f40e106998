package io.streamsuite.kit.reset;

import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs {@link ResetCommand} when a service is started as {@code <service>.jar reset}, once its
 * settings are read and before any bean exists, so Streams never starts; then ends the process
 * with the command's exit code. Every other start-up passes through untouched.
 */
public class ResetCommandListener implements SpringApplicationRunListener {

    private final String[] args;

    public ResetCommandListener(SpringApplication application, String[] args) {
        this.args = args == null ? new String[0] : args.clone();
    }

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext, ConfigurableEnvironment environment) {
        if (ResetCommand.requested(args)) {
            System.exit(ResetCommand.run(args, environment, System.out));
        }
    }
}
