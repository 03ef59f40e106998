package io.streamsuite.kit.query;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose errors are rendered by {@link StoreQueryProblemHandler} as RFC 9457
 * problems. The kit's {@link StoreQueryController} carries it; put it on a service's own
 * controllers that call {@link StoreQueryService} to get the same 400/404/503 answers.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StoreQueryApi {
}
