package dev.switchboard.verbs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method names a {@link VerbHandler} answers: its own name first, then any aliases
 * ({@code @Handles({"roomAdd", "listenToRoom"})}). A name may be claimed by one handler only.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Handles {
    String[] value();
}
