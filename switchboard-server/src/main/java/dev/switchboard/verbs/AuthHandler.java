package dev.switchboard.verbs;

import dev.switchboard.config.AuthSettings;
import dev.switchboard.config.RoomSettings;
import dev.switchboard.events.Authenticated;
import dev.switchboard.events.Observers;
import dev.switchboard.protocol.AuthResult;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Position;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPermissions;
import dev.switchboard.rooms.RegistryInstance;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.AuthFailures;
import dev.switchboard.security.Authenticator;
import dev.switchboard.security.BadCredentialsException;
import dev.switchboard.security.Credentials;
import dev.switchboard.security.Identity;
import dev.switchboard.security.Refusals;
import dev.switchboard.security.Revocation;
import dev.switchboard.security.Revocations;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code auth}: Mixer's {@code {user, key}}, a signed {@code {token}}, or {@code {}} on a connection the
 * container logged in. Asks every {@link Authenticator} in priority order; the first answer wins. Wrong
 * credentials are {@code UNAUTHORIZED} and the connection stays open, until
 * {@code switchboard.auth.maxFailures} failures in its lifetime (a success forgives none) close it with 1008;
 * past {@code switchboard.auth.maxFailuresPerAddress} failures from one remote address within the window
 * ({@link AuthFailures}), {@code auth} from there is {@code RATE_LIMITED} and closes with 1008. A connection that
 * authenticates is put into the rooms of {@code switchboard.rooms.onAuth} (its personal room among them), and the
 * application's observers hear {@link Authenticated}.
 */
@ApplicationScoped
@Handles("auth")
public class AuthHandler implements VerbHandler {

    private List<Authenticator> authenticators;
    private RegistryInstance registry;
    private int maxFailures;
    private Refusals refusals;
    private AuthFailures addresses;
    /** The default rooms of an authenticated connection; {@code null} in tests: none. */
    private RoomSettings rooms;
    /** Whose {@code since} may replay a default room's history; {@code null} in tests: everyone's. */
    private RoomPermissions permissions;
    /** The revocations a token or login must not be covered by; {@code null} in tests: none. */
    private Revocations revocations;
    private Observers observers = Observers.NONE;

    /** For the container's proxy. */
    protected AuthHandler() {
    }

    @Inject
    public AuthHandler(@Any Instance<Authenticator> beans, RoomRegistry registry, AuthSettings settings, Refusals refusals,
            AuthFailures addresses, RoomSettings rooms, RoomPermissions permissions, Revocations revocations, Observers observers) {
        this(ordered(beans), registry, settings.maxFailures(), addresses);
        this.refusals = refusals;
        this.rooms = rooms;
        this.permissions = permissions;
        this.revocations = revocations;
        this.observers = observers;
    }

    /** A handler over these authenticators, in this order, for tests. */
    public AuthHandler(List<Authenticator> authenticators, RoomRegistry registry, int maxFailures, AuthFailures addresses) {
        this.authenticators = List.copyOf(authenticators);
        this.registry = registry == null ? null : new RegistryInstance(registry);
        this.maxFailures = maxFailures;
        this.addresses = addresses;
    }

    @Override
    public AuthResult handle(Caller caller, Params params) {
        Credentials credentials = new Credentials(params.optionalString("user"), params.optionalString("key"),
                params.optionalString("token"), caller.principal(), caller.principalRoles());
        Map<String, Position> since = params.positions("since"); // where its client left its rooms: for its default rooms
        String address = caller.details().remoteAddress();
        if (addresses.blocked(address)) {
            throw new CallException(ErrorCode.RATE_LIMITED, "too many failed auth calls from your address; try again later",
                    CloseCodes.VIOLATED_POLICY.getCode());
        }
        try {
            Identity identity = authenticate(credentials);
            if (identity.issuedAt() == null) {
                identity = identity.provenAt(Instant.now()); // a login, not a token: what it proves, it proves now
            }
            Optional<Revocation> revoked = revocations == null ? Optional.empty() : revocations.of(identity);
            if (revoked.isPresent()) {
                throw new BadCredentialsException(revoked.get().reason());
            }
            caller.authenticate(identity);
            if (revocations != null && revocations.of(identity).isPresent()) { // revoked while it was being checked
                throw new CallException(ErrorCode.UNAUTHORIZED, revocations.of(identity).get().reason(), CloseCodes.VIOLATED_POLICY.getCode());
            }
            if (observers.observes(Authenticated.class)) {
                observers.report(new Authenticated(caller.id(), identity.user(), identity.roles(), System.currentTimeMillis()));
            }
            if (registry != null) {
                registry.get().connected(caller); // the other nodes learn the user, for tell
                leaveOthersPersonalRooms(caller, identity.user());
                for (String room : rooms == null ? List.<String>of() : rooms.onAuthFor(identity.user())) {
                    DefaultRooms.join(registry.get(), caller, room, mayReplay(caller, room) ? since.get(room) : null);
                }
            }
            return new AuthResult(true, identity.user(), List.copyOf(new TreeSet<>(identity.roles())));
        } catch (BadCredentialsException e) {
            if (refusals != null) {
                refusals.count(Refusals.Kind.AUTH_FAILED);
            }
            addresses.failed(address);
            int failures = caller.authFailed();
            if (failures >= maxFailures) {
                throw new CallException(ErrorCode.UNAUTHORIZED, e.getMessage() + "; " + failures
                        + " failed attempts, closing", CloseCodes.VIOLATED_POLICY.getCode());
            }
            throw new CallException(ErrorCode.UNAUTHORIZED, e.getMessage());
        }
    }

    private boolean mayReplay(Caller caller, String room) {
        return permissions == null || permissions.mayReadHistory(caller, new RoomName(room));
    }

    /** These revocations, for tests. */
    AuthHandler withRevocations(Revocations revocations) {
        this.revocations = revocations;
        return this;
    }

    /** These default rooms on auth, for tests. */
    AuthHandler withRooms(RoomSettings rooms) {
        this.rooms = rooms;
        return this;
    }

    /** A connection that becomes another user leaves the personal rooms of the one it was. */
    private void leaveOthersPersonalRooms(Caller caller, String user) {
        if (rooms == null) {
            return;
        }
        for (String room : List.copyOf(caller.rooms())) {
            String owner = rooms.ownerOf(room);
            if (owner != null && !owner.equals(user)) {
                registry.get().leave(caller, new RoomName(room));
            }
        }
    }

    private Identity authenticate(Credentials credentials) {
        for (Authenticator authenticator : authenticators) {
            Optional<Identity> identity = authenticator.authenticate(credentials);
            if (identity.isPresent()) {
                return identity.get();
            }
        }
        throw new BadCredentialsException(credentials.user() == null && credentials.key() == null
                && credentials.token() == null
                ? "no credentials: send {token} or {user, key}, or connect to /secure/socket logged in"
                : "no authenticator accepts these credentials");
    }

    private static List<Authenticator> ordered(Instance<Authenticator> beans) {
        List<Instance.Handle<Authenticator>> handles = new ArrayList<>();
        beans.handles().forEach(handles::add);
        handles.sort(Comparator.comparingInt(handle -> priorityOf(handle.getBean().getBeanClass())));
        return handles.stream().map(Instance.Handle::get).toList();
    }

    static int priorityOf(Class<?> type) {
        Priority priority = type.getAnnotation(Priority.class);
        return priority != null ? priority.value() : Authenticator.DEFAULT_PRIORITY;
    }
}
