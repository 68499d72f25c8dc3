package dev.switchboard.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings of this node, read once at deployment and handed to the features as small immutable groups —
 * {@link LimitSettings}, {@link KeepAliveSettings}, {@link HandshakeSettings}, {@link ShutdownSettings},
 * {@link AuthSettings}, {@link ClusterSettings}, {@link RoomSettings}, {@link HistorySettings}, {@link FileSettings},
 * {@link ActionSettings}, {@link EventSettings}, {@link ApiSettings}, {@link JwtSettings}, {@link HandoffSettings} — which a feature injects like any bean. Each group declares its settings once
 * (name, type, default, bounds, meaning: a {@link Setting} constant) and reads its values from here.
 *
 * <p>Each setting {@code switchboard.someName} comes from the server's MicroProfile Config (both servers
 * have it: Payara's {@code set-config-property}, WildFly's config sources — a directory of files such as
 * Kubernetes secrets — and, through it, system properties and environment variables), else from the system
 * property of that name, else from the environment variable {@code SWITCHBOARD_SOME_NAME}, else its default.
 * A value that does not parse or is out of range stops the deployment with a message naming the setting,
 * the value and what was expected. The effective settings are logged once at deployment, secrets masked.
 * See {@code docs/operations.md}.
 */
@ApplicationScoped
public class Settings {

    private static final Logger LOG = System.getLogger(Settings.class.getName());

    /** The groups, in the order their settings are listed. */
    private static final List<Class<?>> GROUPS = List.of(LimitSettings.class, KeepAliveSettings.class, HandshakeSettings.class,
            ShutdownSettings.class, AuthSettings.class, ClusterSettings.class, RoomSettings.class, HistorySettings.class,
            FileSettings.class, ActionSettings.class, EventSettings.class, ApiSettings.class, JwtSettings.class, HandoffSettings.class);

    /** Every setting of every group, in the order declared. */
    public static final List<Setting<?>> ALL = declared();

    private final Function<String, String> source;
    private final Map<Setting<?>, Object> values = new IdentityHashMap<>();
    private final Map<Setting<?>, Boolean> given = new IdentityHashMap<>();
    private LimitSettings limits;
    private KeepAliveSettings keepAlive;
    private HandshakeSettings handshake;
    private ShutdownSettings shutdown;
    private AuthSettings auth;
    private ClusterSettings cluster;
    private RoomSettings rooms;
    private HistorySettings history;
    private FileSettings files;
    private ActionSettings actions;
    private EventSettings events;
    private ApiSettings api;
    private JwtSettings jwt;
    private HandoffSettings handoff;

    public Settings() {
        this(Sources.server());
    }

    /** Settings read from the given source (name of the property → value, or {@code null}). */
    public Settings(Function<String, String> source) {
        this.source = source;
    }

    /** Settings from a map, for tests: the history keeps no state file unless the map names one. */
    public static Settings of(Map<String, String> values) {
        Map<String, String> withDefaults = new HashMap<>(values);
        withDefaults.putIfAbsent(HistorySettings.HISTORY_STATE_FILE.name(), "none");
        withDefaults.putIfAbsent(HistorySettings.HISTORY_KEYS_FILE.name(), "none");
        Settings settings = new Settings(withDefaults::get);
        settings.load();
        return settings;
    }

    @PostConstruct
    void load() {
        for (Setting<?> setting : ALL) {
            String raw = source.apply(setting.name());
            given.put(setting, raw != null && !raw.isBlank());
            values.put(setting, setting.read(source));
        }
        limits = LimitSettings.read(this);
        keepAlive = KeepAliveSettings.read(this);
        handshake = HandshakeSettings.read(this);
        shutdown = ShutdownSettings.read(this);
        auth = AuthSettings.read(this, source);
        cluster = ClusterSettings.read(this);
        rooms = RoomSettings.read(this);
        history = HistorySettings.read(this, source);
        files = FileSettings.read(this);
        actions = ActionSettings.read(this);
        events = EventSettings.read(this);
        api = ApiSettings.read(this);
        jwt = JwtSettings.read(this);
        handoff = HandoffSettings.read(this);
    }

    /** The value of one setting, for its group (the default when none was given). */
    @SuppressWarnings("unchecked")
    <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException("not a setting of Switchboard's: " + setting.name());
        }
        return (T) values.get(setting);
    }

    @Produces
    @Dependent
    public LimitSettings limits() {
        return limits;
    }

    @Produces
    @Dependent
    public KeepAliveSettings keepAlive() {
        return keepAlive;
    }

    @Produces
    @Dependent
    public HandshakeSettings handshake() {
        return handshake;
    }

    @Produces
    @Dependent
    public ShutdownSettings shutdown() {
        return shutdown;
    }

    @Produces
    @Dependent
    public AuthSettings auth() {
        return auth;
    }

    @Produces
    @Dependent
    public ClusterSettings cluster() {
        return cluster;
    }

    @Produces
    @Dependent
    public RoomSettings rooms() {
        return rooms;
    }

    @Produces
    @Dependent
    public HistorySettings history() {
        return history;
    }

    @Produces
    @Dependent
    public FileSettings files() {
        return files;
    }

    @Produces
    @Dependent
    public ActionSettings actions() {
        return actions;
    }

    @Produces
    @Dependent
    public EventSettings events() {
        return events;
    }

    @Produces
    @Dependent
    public ApiSettings api() {
        return api;
    }

    @Produces
    @Dependent
    public JwtSettings jwt() {
        return jwt;
    }

    @Produces
    @Dependent
    public HandoffSettings handoff() {
        return handoff;
    }

    /** Reads the settings when the application starts, so that a bad value fails the deployment, and logs them. */
    void validateAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.log(Level.INFO, "Switchboard settings ({0}):\n{1}", Sources.describe(), effective());
    }

    /** One line a setting, {@code name = value}, given ones marked, secrets masked. */
    public String effective() {
        StringBuilder lines = new StringBuilder();
        for (Setting<?> setting : ALL) {
            Object value = get(setting);
            String shown = setting.secret() ? (String.valueOf(value).isEmpty() ? "(none: a random key per node)" : "****")
                    : value instanceof Pattern pattern ? pattern.pattern() : String.valueOf(value);
            lines.append("  ").append(setting.name()).append(" = ").append(shown)
                    .append(given.get(setting) ? "" : "  (default)").append('\n');
        }
        return lines.toString();
    }

    private static List<Setting<?>> declared() {
        List<Setting<?>> all = new ArrayList<>();
        for (Class<?> group : GROUPS) {
            for (Field field : group.getDeclaredFields()) {
                if (field.getType() == Setting.class && Modifier.isStatic(field.getModifiers())) {
                    try {
                        all.add((Setting<?>) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return List.copyOf(all);
    }

    /** Where values come from on a server: MicroProfile Config when there is one, then the system, then the default. */
    static final class Sources {

        private Sources() {
        }

        static Function<String, String> server() {
            Function<String, String> config = microProfileConfig();
            return name -> {
                String value = config == null ? null : config.apply(name);
                if (value == null) {
                    value = System.getProperty(name);
                }
                return value != null ? value : System.getenv(Setting.environmentName(name));
            };
        }

        static String describe() {
            return microProfileConfig() == null ? "system properties, environment"
                    : "MicroProfile Config, system properties, environment";
        }

        /** The server's MicroProfile Config, or {@code null} where there is none (a plain servlet container, a unit test). */
        private static Function<String, String> microProfileConfig() {
            try {
                org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
                return name -> config.getOptionalValue(name, String.class).orElse(null);
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }
}
