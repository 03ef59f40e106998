package io.streamsuite.kit.reset;

import io.streamsuite.kit.config.StreamsKitProperties;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code java -jar <service>.jar reset [--to-datetime=2026-12-01T08:00:00Z]}: the service's own
 * settings (application.yml, environment, arguments) name the application and the broker, so the
 * command needs nothing else. Exit code 0 when reset, 1 when refused or failed.
 */
public final class ResetCommand {

    public static final String NAME = "reset";
    static final String TO_DATETIME = "--to-datetime=";

    private ResetCommand() {
    }

    /** True when the first argument that is not an option is {@value #NAME}. */
    public static boolean requested(String[] args) {
        return Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().filter(NAME::equals).isPresent();
    }

    public static int run(String[] args, Environment environment, PrintStream out) {
        StreamsKitProperties kit = Binder.get(environment).bindOrCreate("streams-kit", StreamsKitProperties.class);
        try {
            StreamsReset.Request request = new StreamsReset.Request(toDatetime(args).orElse(null));
            out.println("Resetting '" + kit.getApplicationId() + "' on " + kit.getBootstrapServers() + " ...");
            StreamsReset.Report report = new StreamsReset(kit).run(request);
            out.println(report.describe());
            return 0;
        } catch (StreamsReset.GroupStillActiveException | IllegalArgumentException e) {
            out.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            out.println("Reset failed: " + e.getMessage());
            return 1;
        }
    }

    /** ISO-8601: an instant ({@code ...Z} or with an offset) or a local date-time taken as UTC. */
    static Optional<Instant> toDatetime(String[] args) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(TO_DATETIME)).findFirst()
                .map(arg -> arg.substring(TO_DATETIME.length()))
                .map(ResetCommand::parseTime);
    }

    private static Instant parseTime(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--to-datetime wants ISO-8601, e.g. 2026-12-01T08:00:00Z, not '" + text + "'");
            }
        }
    }
}
