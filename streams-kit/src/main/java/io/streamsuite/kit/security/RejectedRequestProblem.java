package io.streamsuite.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * A URL Spring Security's firewall refuses (an encoded slash, backslash or dot segment could make a
 * path mean one thing to the access rules and another to the controller) gets a 400 problem body.
 */
final class RejectedRequestProblem implements RequestRejectedHandler {

    static final String TYPE = "urn:streams-kit:problem:rejected-request";

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE);
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", "the URL holds an encoded slash, backslash, dot segment or control character, which the"
                + " service does not accept in a path; pass such a key as ?key= instead");
        response.setStatus(400);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(mapper.writeValueAsBytes(problem));
    }
}
