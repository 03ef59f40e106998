package io.streamsuite.kit.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Browse and replay this service's dead letters. */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "This service's dead letters, newest first; pass nextCursor as 'before' for older ones")
    @GetMapping
    public DeadLetterPage page(@RequestParam(defaultValue = "50") int limit,
                               @RequestParam(required = false) String before) {
        return deadLetters.page(limit, before);
    }

    @Operation(summary = "Re-produce chosen dead letters, raw bytes unchanged, to their source topic")
    @PostMapping("/replay")
    public ReplayResponse replay(@RequestBody ReplayRequest request) {
        return new ReplayResponse(deadLetters.replay(request));
    }

    public record ReplayResponse(List<ReplayResult> results) {
    }
}
