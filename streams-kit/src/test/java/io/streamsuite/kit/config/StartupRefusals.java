package io.streamsuite.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.example.ExampleApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;

/** Starts the example service expecting it to refuse, for tests of what the refusal says. */
public final class StartupRefusals {

    private StartupRefusals() {
    }

    /** Starts the example service with these arguments, expects a refusal, and checks what Spring printed. */
    public static FailureAnalysis refusal(CapturedOutput output, String... arguments) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--spring.main.banner-mode=off", "--streams-kit.state-dir=target/startup-refusal-state"));
        args.addAll(List.of(arguments));
        Throwable failure = null;
        try {
            new SpringApplicationBuilder(ExampleApplication.class).run(args.toArray(String[]::new)).close();
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).as("the service refused to start").isNotNull();
        FailureAnalysis analysis = new StartupRefusalAnalyzer().analyze(failure);
        assertThat(analysis).as("the kit's analyzer explains %s", failure).isNotNull();
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains(analysis.getDescription())
                .doesNotContain("Caused by:").doesNotContain("\tat org.springframework");
        return analysis;
    }
}
