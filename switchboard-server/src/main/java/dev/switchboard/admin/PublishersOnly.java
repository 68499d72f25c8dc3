package dev.switchboard.admin;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every call of the annotated bean's methods needs a caller in the role {@value PublishersOnlyCheck#ROLE}
 * (checked by {@link PublishersOnlyCheck}), whatever the path it was reached through (as {@link OperatorsOnly}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublishersOnly {
}
