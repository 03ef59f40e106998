package io.streamsuite.metrics.api;

import io.streamsuite.kit.query.InvalidQueryException;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.window.SessionQueries;
import io.streamsuite.metrics.MetricsSettings;
import io.streamsuite.metrics.MetricsTopics;
import io.streamsuite.kit.query.QueryRange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A user's sessions (open ones included) overlapping a time range, from the instance owning the user. */
@RestController
@StoreQueryApi
@RequestMapping("/api/users")
@Tag(name = "Sessions", description = "User sessions from inactivity gaps")
public class SessionController {

    private static final Duration DEFAULT_RANGE = Duration.ofDays(1);
    private static final int MAX_USER_ID = 256;

    private final SessionQueries sessions;
    private final MetricsSettings settings;

    public SessionController(SessionQueries sessions, MetricsSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    /** Sessions of one user; {@code sessions} are UserSession records, oldest first. */
    public record UserSessionsView(String userId, Instant from, Instant to, List<JsonNode> sessions) {
    }

    @GetMapping("/{userId}/sessions")
    @Operation(summary = "Sessions of a user overlapping a time range",
            description = "Start, end, duration, views, pages, entry and exit page, bounce. from and to are ISO-8601 or epoch ms; "
                    + "by default the last day. Sessions still open are included as they stand.")
    @ApiResponse(responseCode = "200", description = "The user's sessions in the range (possibly none)")
    @ApiResponse(responseCode = "400", description = "An empty or overlong user id, a malformed time, from after to, or a range longer than the session retention")
    @ApiResponse(responseCode = "503", description = "The user's store is restoring or rebalancing; retry after Retry-After")
    public UserSessionsView sessions(@Parameter(description = "User id") @PathVariable String userId,
                                     @Parameter(description = "Earliest session end") @RequestParam(required = false) String from,
                                     @Parameter(description = "Latest session start") @RequestParam(required = false) String to) {
        if (userId.isBlank() || userId.length() > MAX_USER_ID) {
            throw new InvalidQueryException("a user id is 1 to " + MAX_USER_ID + " characters");
        }
        QueryRange range = QueryRange.parse(from, to, DEFAULT_RANGE, settings.sessionRetention(), "metrics.sessions.retention");
        List<JsonNode> found = sessions.overlapping(MetricsTopics.SESSIONS_STORE, userId, range.from(), range.to())
                .items().stream().map(StoreEntry::value).toList();
        return new UserSessionsView(userId, range.from(), range.to(), found);
    }
}
