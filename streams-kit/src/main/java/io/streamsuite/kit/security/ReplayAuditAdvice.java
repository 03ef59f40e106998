package io.streamsuite.kit.security;

import io.streamsuite.kit.deadletter.DeadLetterController;
import io.streamsuite.kit.deadletter.ReplayResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Puts a replay's results (which dead letter, where to, outcome) into its audit record. */
@ControllerAdvice(assignableTypes = DeadLetterController.class)
class ReplayAuditAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return DeadLetterController.ReplayResponse.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof DeadLetterController.ReplayResponse replay && request instanceof ServletServerHttpRequest servlet) {
            List<Map<String, Object>> results = replay.results().stream().map(ReplayAuditAdvice::summary).toList();
            servlet.getServletRequest().setAttribute(AuditFilter.DETAILS, Map.of("replay", results));
        }
        return body;
    }

    private static Map<String, Object> summary(ReplayResult result) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("partition", result.partition());
        summary.put("offset", result.offset());
        summary.put("outcome", result.outcome().name());
        summary.put("sourceTopic", result.sourceTopic());
        summary.put("replayedTo", result.replayedTo());
        return summary;
    }
}
