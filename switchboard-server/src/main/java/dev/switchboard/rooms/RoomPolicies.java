package dev.switchboard.rooms;

import dev.switchboard.protocol.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every {@link RoomPolicy} of the deployment, in priority order, run as one. */
@ApplicationScoped
public class RoomPolicies {

    private List<RoomPolicy> all;
    private List<RoomPolicy> delivering;
    /** Whether any is the application's (Switchboard's own, {@link ConfiguredRoomPolicy}, never waits). */
    private boolean applications;

    /** For the container's proxy. */
    protected RoomPolicies() {
    }

    @Inject
    RoomPolicies(@Any Instance<RoomPolicy> beans) {
        List<Instance.Handle<RoomPolicy>> handles = new ArrayList<>();
        beans.handles().forEach(handles::add);
        handles.sort(Comparator.comparingInt(handle -> priorityOf(handle.getBean().getBeanClass())));
        this.all = handles.stream().map(Instance.Handle::get).toList();
        this.delivering = handles.stream().filter(handle -> overridesDeliver(handle.getBean().getBeanClass()))
                .map(Instance.Handle::get).toList();
        this.applications = handles.stream().anyMatch(handle -> handle.getBean().getBeanClass() != ConfiguredRoomPolicy.class);
    }

    /** These policies in this order, for tests. */
    public RoomPolicies(List<RoomPolicy> policies) {
        this.all = List.copyOf(policies);
        this.delivering = policies.stream().filter(policy -> overridesDeliver(policy.getClass())).toList();
        this.applications = policies.stream().anyMatch(policy -> policy.getClass() != ConfiguredRoomPolicy.class);
    }

    /** Whether the application has policies of its own: code that may run, and wait, under a room's lock. */
    public boolean applications() {
        return applications;
    }

    /** @throws PolicyRefusal when a policy vetoes the join */
    public void join(RoomPolicy.JoinRequest request) {
        all.forEach(policy -> policy.join(request));
    }

    /** @throws PolicyRefusal when a policy vetoes the leave */
    public void leave(Member member, RoomName room) {
        all.forEach(policy -> policy.leave(member, room));
    }

    /** The message as the policies rewrite it. @throws PolicyRefusal when one vetoes it */
    public JsonValue say(Member sender, RoomName room, JsonValue message) {
        JsonValue current = message;
        for (RoomPolicy policy : all) {
            current = policy.say(sender, room, current);
            if (current == null) {
                throw new PolicyRefusal(ErrorCode.FORBIDDEN, "the message was refused");
            }
        }
        return current;
    }

    /** Whether any policy looks at single deliveries (otherwise a broadcast is encoded once and sent as is). */
    public boolean filtersDeliveries() {
        return !delivering.isEmpty();
    }

    /** The message for one receiver, or {@code null} when it does not get it. */
    public JsonValue deliver(Member receiver, RoomName room, String fromId, JsonValue message) {
        JsonValue current = message;
        for (RoomPolicy policy : delivering) {
            current = policy.deliver(receiver, room, fromId, current);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    static int priorityOf(Class<?> type) {
        Priority priority = type.getAnnotation(Priority.class);
        return priority != null ? priority.value() : RoomPolicy.DEFAULT_PRIORITY;
    }

    private static boolean overridesDeliver(Class<?> type) {
        try {
            return type.getMethod("deliver", Member.class, RoomName.class, String.class, JsonValue.class)
                    .getDeclaringClass() != RoomPolicy.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
