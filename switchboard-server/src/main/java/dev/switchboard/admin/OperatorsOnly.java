package dev.switchboard.admin;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every call of the annotated bean's methods needs a caller in the role {@value OperatorsOnlyCheck#ROLE}
 * (checked by {@link OperatorsOnlyCheck}), whatever the path or the Jakarta REST {@code Application} it was
 * reached through: the {@code META-INF/web-fragment.xml} constraint on {@code /api/admin/*} covers one path only, and a WAR
 * with an {@code Application} of its own serves every root resource under that one's path too.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OperatorsOnly {
}
