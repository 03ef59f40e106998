package io.streamsuite.kit.query;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Writes which copy answered (see {@link AnsweringCopy}) on every answer of a {@link StoreQueryApi} controller. */
@ControllerAdvice(annotations = StoreQueryApi.class)
public class AnsweringCopyHeaders implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest http = servlet.getServletRequest();
            AnsweringCopy copy = AnsweringCopies.of(http);
            if (copy != null) {
                response.getHeaders().set(QueryHeaders.COPY, copy.role().header());
                response.getHeaders().set(QueryHeaders.INSTANCE, copy.instance());
                response.getHeaders().set(QueryHeaders.LAG, Long.toString(copy.lag()));
            }
        }
        return body;
    }
}
