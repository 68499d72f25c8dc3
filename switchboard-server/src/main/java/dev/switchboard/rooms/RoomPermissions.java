package dev.switchboard.rooms;

import dev.switchboard.config.AuthSettings;
import dev.switchboard.config.RoomSettings;
import dev.switchboard.protocol.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may join, say, see presence and read history in each room: the first configured rule whose pattern matches
 * ({@code switchboard.rooms.permissions}), else the first answer of the application's {@link RoomRules} beans, else
 * the default — anyone joins, sees presence and reads history, authenticated users say — where
 * {@code switchboard.auth.required} still speaks: a room method listed there ({@code roomAdd} or an alias,
 * {@code say}, {@code roomView}, {@code history}) makes that permission the authenticated users'. A rule's field
 * left out takes the default's. Checked for the client's calls only; the application's are never refused.
 *
 * <p>A refusal is {@code UNAUTHORIZED} for a connection that has not authenticated (authenticating could help),
 * {@code FORBIDDEN} otherwise, and names the rule.
 */
@ApplicationScoped
public class RoomPermissions {

    /** The names of the room methods that {@code switchboard.auth.required} folds into the default rule. */
    public static final Set<String> JOIN_METHODS = Set.of("roomAdd", "listenToRoom", "roomChange");
    public static final Set<String> ROOM_METHODS = Set.of("roomAdd", "listenToRoom", "roomChange", "say", "roomView", "history");

    private List<Configured> configured;
    private List<RoomRules> code;
    private RoomRule fallback;

    /** For the container's proxy. */
    protected RoomPermissions() {
    }

    @Inject
    RoomPermissions(RoomSettings rooms, AuthSettings auth, @Any Instance<RoomRules> beans) {
        List<Instance.Handle<RoomRules>> handles = new ArrayList<>();
        beans.handles().forEach(handles::add);
        handles.sort(Comparator.comparingInt(handle -> RoomPolicies.priorityOf(handle.getBean().getBeanClass())));
        init(rooms, auth, handles.stream().map(Instance.Handle::get).toList());
    }

    /** Whether the application gave rules of its own ({@link RoomRules}): its code, asked on every room check. */
    public boolean rulesFromCode() {
        return !code.isEmpty();
    }

    /** These settings and rules from code, in this order, for tests. */
    public RoomPermissions(RoomSettings rooms, AuthSettings auth, List<RoomRules> code) {
        init(rooms, auth, code);
    }

    private void init(RoomSettings rooms, AuthSettings auth, List<RoomRules> code) {
        Set<String> required = auth.required();
        this.fallback = new RoomRule("default",
                JOIN_METHODS.stream().anyMatch(required::contains) ? Access.authenticated() : Access.anyone(),
                required.contains("say") ? Access.authenticated() : Access.anyone(),
                required.contains("roomView") ? Access.authenticated() : Access.anyone(),
                required.contains("history") ? Access.authenticated() : Access.anyone());
        List<Configured> rules = new ArrayList<>();
        for (RoomSettings.Permission permission : rooms.permissions()) {
            rules.add(new Configured(glob(permission.rooms()), rule(permission, fallback)));
        }
        this.configured = List.copyOf(rules);
        this.code = List.copyOf(code);
    }

    /** Everyone may do everything (a registry outside a container, tests). */
    public static RoomPermissions open() {
        RoomPermissions open = new RoomPermissions();
        open.configured = List.of();
        open.code = List.of();
        open.fallback = RoomRule.open("open");
        return open;
    }

    private static RoomRule rule(RoomSettings.Permission permission, RoomRule defaults) {
        RoomRule rule = new RoomRule(permission.rooms(), access(permission.join(), defaults.join()), access(permission.say(), defaults.say()),
                access(permission.presence(), defaults.presence()), access(permission.history(), defaults.history()));
        if (!permission.anonymous()) {
            rule = new RoomRule(rule.name(), rule.join().authenticatedOnly(), rule.say().authenticatedOnly(),
                    rule.presence().authenticatedOnly(), rule.history().authenticatedOnly());
        }
        return rule;
    }

    private static Access access(List<String> configured, Access otherwise) {
        return configured == null ? otherwise : Access.of(configured);
    }

    /** {@code *} stands for any characters, everything else for itself. */
    static Pattern glob(String rooms) {
        StringBuilder regex = new StringBuilder();
        for (String literal : rooms.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The rule of this room. */
    public RoomRule ruleFor(RoomName room) {
        String name = room.value();
        for (Configured rule : configured) {
            if (rule.rooms().matcher(name).matches()) {
                return rule.rule();
            }
        }
        for (RoomRules rules : code) {
            Optional<RoomRule> rule = rules.ruleFor(room);
            if (rule.isPresent()) {
                return rule.get();
            }
        }
        return fallback;
    }

    /** @throws PolicyRefusal when the member may not join the room */
    public void checkJoin(Member member, RoomName room) {
        RoomRule rule = ruleFor(room);
        check(rule.join(), member, rule, "join room '" + room.value() + "'");
    }

    /** @throws PolicyRefusal when the member may not say anything in the room */
    public void checkSay(Member member, RoomName room) {
        RoomRule rule = ruleFor(room);
        if (rule.say().kind() == Access.Kind.NOBODY) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "room '" + room.value() + "' is receive-only (rule '" + rule.name() + "')");
        }
        check(rule.say(), member, rule, "say in room '" + room.value() + "'");
    }

    /** @throws PolicyRefusal when the member may not see who is in the room */
    public void checkPresence(Member member, RoomName room) {
        RoomRule rule = ruleFor(room);
        check(rule.presence(), member, rule, "see who is in room '" + room.value() + "'");
    }

    /** @throws PolicyRefusal when the member may not read the room's history */
    public void checkHistory(Member member, RoomName room) {
        RoomRule rule = ruleFor(room);
        check(rule.history(), member, rule, "read the history of room '" + room.value() + "'");
    }

    /** Whether the member may read the room's history (a join's {@code since} replays it). */
    public boolean mayReadHistory(Member member, RoomName room) {
        return ruleFor(room).history().allows(member);
    }

    private static void check(Access access, Member member, RoomRule rule, String what) {
        if (access.allows(member)) {
            return;
        }
        if (member.user() == null && access.kind() != Access.Kind.NOBODY) {
            throw new PolicyRefusal(ErrorCode.UNAUTHORIZED, "to " + what + " needs an authenticated connection: call auth first (rule '"
                    + rule.name() + "': " + access + ")");
        }
        throw new PolicyRefusal(ErrorCode.FORBIDDEN, (access.kind() == Access.Kind.NOBODY ? "nobody" : "only " + access)
                + " may " + what + " (rule '" + rule.name() + "')");
    }

    private record Configured(Pattern rooms, RoomRule rule) {
    }
}
