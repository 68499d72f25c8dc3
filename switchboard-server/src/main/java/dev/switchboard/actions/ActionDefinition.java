package dev.switchboard.actions;

import dev.switchboard.protocol.FrameCodec;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** An action as declared by its {@link Action} annotation: name, description, params. */
public record ActionDefinition(String name, String description, List<ParamDefinition> params) {

    /** Made once: {@code Json.createObjectBuilder()} looks the JSON provider up on every call. */
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    /** One declared param, as {@code documentation} lists it. */
    public record ParamDefinition(String name, String type, boolean required, String description) {
    }

    /**
     * The definition of an annotated class.
     *
     * @throws IllegalStateException when the name is empty or a param is declared twice
     */
    public static ActionDefinition of(Class<?> type) {
        Action action = type.getAnnotation(Action.class);
        if (action == null || action.value().isBlank()) {
            throw new IllegalStateException("Action " + type.getName() + " has no name: annotate it with @Action(\"name\")");
        }
        if (!ActionHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException("Action '" + action.value() + "' (" + type.getName()
                    + ") does not implement " + ActionHandler.class.getName());
        }
        List<ParamDefinition> params = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Param param : action.params()) {
            if (!names.add(param.name())) {
                throw new IllegalStateException("Action '" + action.value() + "' declares param '" + param.name() + "' twice");
            }
            params.add(new ParamDefinition(param.name(), param.type().name().toLowerCase(Locale.ROOT),
                    param.required(), param.description()));
        }
        return new ActionDefinition(action.value(), action.description(), List.copyOf(params));
    }

    /**
     * The declared params of a call, checked.
     *
     * @throws IllegalArgumentException saying every param that is missing or of the wrong type
     */
    public JsonObject check(JsonObject given) {
        JsonObjectBuilder kept = BUILDERS.createObjectBuilder();
        List<String> problems = new ArrayList<>();
        for (ParamDefinition param : params) {
            JsonValue value = given.get(param.name());
            ParamType type = ParamType.valueOf(param.type().toUpperCase(Locale.ROOT));
            if (value == null || value == JsonValue.NULL) {
                if (param.required()) {
                    problems.add("missing param '" + param.name() + "' (" + type.description() + ")");
                }
                continue;
            }
            if (!type.accepts(value)) {
                problems.add("expected param '" + param.name() + "' to be " + type.description() + ", got "
                        + FrameCodec.kindOf(value));
                continue;
            }
            kept.add(param.name(), value);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("action '" + name + "': " + String.join("; ", problems));
        }
        return kept.build();
    }
}
