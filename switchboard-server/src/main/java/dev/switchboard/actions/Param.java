package dev.switchboard.actions;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One param of an {@link Action}: checked before the action runs ({@code BAD_PARAMS} says what is wrong). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Param {

    String name();

    ParamType type() default ParamType.STRING;

    boolean required() default true;

    String description() default "";
}
