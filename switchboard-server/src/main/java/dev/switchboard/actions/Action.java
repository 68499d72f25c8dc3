package dev.switchboard.actions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a CDI bean that implements {@link ActionHandler} callable as
 * {@code {"method":"action","params":{"action":"<value>","params":{…}}}}.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @Action(value = "greet", description = "Says hello",
 *         params = @Param(name = "name", type = ParamType.STRING, description = "whom to greet"))
 * public class Greet implements ActionHandler {
 *     public Object run(ActionCall call) {
 *         return Map.of("greeting", "Hello, " + call.params().getString("name"));
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Action {

    /** The action's name, unique in the deployment. */
    String value();

    /** What it does, for {@code documentation}. */
    String description() default "";

    /** The params it takes; others are dropped before it runs. */
    Param[] params() default {};
}
