package io.streamsuite.recommendations.api;

import io.streamsuite.kit.query.KeyNotFoundException;
import io.streamsuite.kit.query.StoreEntry;
import io.streamsuite.kit.query.StoreQueryApi;
import io.streamsuite.kit.query.StoreQueryService;
import io.streamsuite.recommendations.RecommendationTopics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A user's recommendations, as last published on shop.recommendations. */
@RestController
@StoreQueryApi
@RequestMapping("/api/users")
@Tag(name = "Users", description = "Per-user recommendations")
public class UserController {

    private final StoreQueryService queries;

    public UserController(StoreQueryService queries) {
        this.queries = queries;
    }

    @GetMapping("/{userId}/recommendations")
    @Operation(summary = "Recommendations of a user, best first",
            description = "The top recommendations.recommend.size items related to the user's recent items, without items "
                    + "the user bought or that are out of stock. Follows stock changes without the user's next interaction. "
                    + "Answered by any instance: the query goes to the instance owning the user.")
    @ApiResponse(responseCode = "200", description = "The user's UserRecommendations")
    @ApiResponse(responseCode = "400", description = "The user id is malformed")
    @ApiResponse(responseCode = "404", description = "No recommendation was computed for this user yet")
    @ApiResponse(responseCode = "503", description = "The user's store is restoring or rebalancing; retry after Retry-After")
    public JsonNode recommendations(@Parameter(description = "User id") @PathVariable String userId) {
        String id = QueryInputs.id("userId", userId);
        return queries.get(RecommendationTopics.RECOMMENDATIONS_STORE, id)
                .map(StoreEntry::value)
                .orElseThrow(() -> new KeyNotFoundException(RecommendationTopics.RECOMMENDATIONS_STORE, id));
    }
}
