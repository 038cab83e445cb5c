package io.groundstation.config;

import io.groundstation.config.Setting.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.groundstation.config.Setting.Kind.BYTES;
import static io.groundstation.config.Setting.Kind.DURATION;
import static io.groundstation.config.Setting.Kind.FLAG;
import static io.groundstation.config.Setting.Kind.NUMBER;
import static io.groundstation.config.Setting.Kind.PORT;
import static io.groundstation.config.Setting.Kind.SECRET;
import static io.groundstation.config.Setting.Kind.TEXT;
import static io.groundstation.config.Setting.Kind.choice;

/**
 * Every setting the server reads, and the values in force. A value comes from, in order of precedence: a
 * {@code --key=value} argument, the {@code GROUNDSTATION_*} environment variable, the configuration file, the
 * default. This class gives each key its type; {@code settings.properties} beside it gives its default and
 * description, in the configuration file's own format, so the two are written where an operator reads them.
 */
public final class Settings {

    /** Defaults and descriptions not yet claimed by a declaration; static fields are initialised in order. */
    private static final Map<String, SettingsCatalogue.Entry> UNCLAIMED = SettingsCatalogue.load();
    /** Each declaration below adds itself here. */
    private static final List<Setting<?>> DECLARED = new ArrayList<>();
    /** Every setting, in the order declared (--help and the README list them so). */
    public static final List<Setting<?>> ALL = Collections.unmodifiableList(DECLARED);

    public static final Setting<String> CONFIG_FILE = declare("config", TEXT);
    public static final Setting<String> GRPC_HOST = declare("grpc.host", TEXT);
    public static final Setting<Integer> GRPC_PORT = declare("grpc.port", PORT);
    public static final Setting<String> HTTP_HOST = declare("http.host", TEXT);
    public static final Setting<Integer> HTTP_PORT = declare("http.port", PORT);
    public static final Setting<String> DATA_DIR = declare("data.dir", TEXT);
    public static final Setting<String> JDBC_URL = declare("jdbc.url", TEXT);
    public static final Setting<String> JDBC_USER = declare("jdbc.user", TEXT);
    public static final Setting<String> JDBC_PASSWORD = declare("jdbc.password", SECRET);
    public static final Setting<Integer> JDBC_POOL_SIZE = declare("jdbc.pool-size", NUMBER);
    public static final Setting<String> AGENT_TOKEN = declare("agent.token", SECRET);
    public static final Setting<String> ADMIN_TOKEN = declare("admin.token", SECRET);
    public static final Setting<String> TLS_CERT_FILE = declare("tls.cert-file", TEXT);
    public static final Setting<String> TLS_KEY_FILE = declare("tls.key-file", TEXT);
    public static final Setting<String> TLS_CLIENT_CA_FILE = declare("tls.client-ca-file", TEXT);
    public static final Setting<Long> GRPC_MAX_MESSAGE = declare("grpc.max-message-size", BYTES);
    public static final Setting<Integer> GRPC_MAX_CALLS_PER_CONNECTION =
            declare("grpc.max-concurrent-calls-per-connection", NUMBER);
    public static final Setting<Duration> GRPC_MAX_CALL_DURATION = declare("grpc.max-call-duration", DURATION);
    public static final Setting<Integer> GRPC_CALL_THREADS = declare("grpc.call-threads", NUMBER);
    public static final Setting<Integer> WAITING_REGISTRATIONS = declare("grpc.max-waiting-registrations", NUMBER);
    public static final Setting<Duration> GRPC_MAX_CONNECTION_IDLE = declare("grpc.max-connection-idle", DURATION);
    public static final Setting<Long> LIMIT_REQUEST_SIZE = declare("limit.request-size", BYTES);
    public static final Setting<Integer> LIMIT_ITEMS = declare("limit.items-per-request", NUMBER);
    public static final Setting<Integer> LIMIT_NAME_LENGTH = declare("limit.name-length", NUMBER);
    public static final Setting<Integer> LIMIT_PROPERTY_LENGTH = declare("limit.property-length", NUMBER);
    public static final Setting<Integer> LIMIT_PROPERTIES = declare("limit.properties-per-process", NUMBER);
    public static final Setting<Integer> LIMIT_PROCESSES_PER_AGENT = declare("limit.processes-per-agent", NUMBER);
    public static final Setting<Integer> LIMIT_SERVICES = declare("limit.services", NUMBER);
    public static final Setting<Integer> LIMIT_POLICIES = declare("limit.policies", NUMBER);
    public static final Setting<Duration> PING_FLUSH_INTERVAL = declare("registry.ping-flush-interval", DURATION);
    public static final Setting<Integer> MAX_PENDING_PINGS = declare("registry.max-pending-pings", NUMBER);
    public static final Setting<Duration> LIVENESS_WINDOW = declare("registry.liveness-window", DURATION);
    public static final Setting<Duration> RETENTION = declare("registry.retention", DURATION);
    public static final Setting<Duration> PURGE_INTERVAL = declare("registry.purge-interval", DURATION);
    public static final Setting<Duration> CLUSTER_REFRESH = declare("cluster.refresh-interval", DURATION);
    public static final Setting<Duration> POLICY_RESEND_WINDOW = declare("policy.resend-window", DURATION);
    public static final Setting<Duration> ROLLOUT_FLUSH_INTERVAL = declare("policy.rollout-flush-interval", DURATION);
    public static final Setting<Integer> TASK_MAX_CONCURRENT = declare("task.max-concurrent-per-service", NUMBER);
    public static final Setting<Integer> TASK_MAX_RUNNING = declare("task.max-running", NUMBER);
    public static final Setting<Duration> TASK_RETENTION = declare("task.retention", DURATION);
    public static final Setting<Duration> PROFILE_SLICE = declare("profile.slice", DURATION);
    public static final Setting<String> METER_PREFIX = declare("meter.prefix", TEXT);
    public static final Setting<Duration> METER_RETENTION = declare("meter.retention", DURATION);
    public static final Setting<Duration> METER_FLUSH_INTERVAL = declare("meter.flush-interval", DURATION);
    public static final Setting<Integer> METER_BUFFER_LIMIT = declare("meter.buffer-limit", NUMBER);
    public static final Setting<Boolean> REDACT_ENABLED = declare("redact.enabled", FLAG);
    public static final Setting<String> REDACT_PROPERTIES = declare("redact.properties", TEXT);
    public static final Setting<String> REDACT_EXTRA_PATTERNS = declare("redact.extra-patterns", TEXT);
    public static final Setting<String> LOG_FORMAT = declare("log.format", choice("text", "json"));
    public static final Setting<Duration> NETWORK_SLICE = declare("network.slice", DURATION);
    public static final Setting<Duration> NETWORK_TIME_TOLERANCE = declare("network.time-tolerance", DURATION);
    public static final Setting<String> NETWORK_METER_PREFIX = declare("network.meter-prefix", TEXT);
    public static final Setting<Boolean> NETWORK_MASK_ENABLED = declare("network.mask.enabled", FLAG);
    public static final Setting<String> NETWORK_MASK_HEADERS = declare("network.mask.headers", TEXT);
    public static final Setting<String> NETWORK_MASK_HEADER_PATTERN = declare("network.mask.header-pattern", TEXT);
    public static final Setting<String> NETWORK_MASK_FIELDS = declare("network.mask.fields", TEXT);
    public static final Setting<String> NETWORK_MASK_FIELD_PATTERN = declare("network.mask.field-pattern", TEXT);
    public static final Setting<Long> NETWORK_CONTENT_MAX_PER_EVENT = declare("network.content.max-per-event", BYTES);
    public static final Setting<Long> NETWORK_CONTENT_MAX_PER_TASK = declare("network.content.max-per-task", BYTES);

    public static final Setting<String> PYROSCOPE_URL = declare("export.pyroscope.url", TEXT);
    public static final Setting<String> PYROSCOPE_USER = declare("export.pyroscope.user", TEXT);
    public static final Setting<String> PYROSCOPE_TOKEN = declare("export.pyroscope.token", SECRET);
    public static final Setting<String> PYROSCOPE_TENANT = declare("export.pyroscope.tenant", TEXT);
    public static final Setting<Duration> PYROSCOPE_INTERVAL = declare("export.pyroscope.interval", DURATION);
    public static final Setting<Duration> PYROSCOPE_DELAY = declare("export.pyroscope.delay", DURATION);
    public static final Setting<Duration> PYROSCOPE_MAX_AGE = declare("export.pyroscope.max-age", DURATION);

    static {
        if (!UNCLAIMED.isEmpty()) {
            throw new IllegalStateException(SettingsCatalogue.RESOURCE + " describes settings nobody declares: "
                    + UNCLAIMED.keySet());
        }
    }

    private final Map<String, Object> values;

    Settings(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting.key());
    }

    /** A copy with some values replaced; tests use it to start servers on port 0 with a temporary data dir. */
    public Settings with(Map<Setting<?>, String> overrides) {
        Map<String, Object> copy = new HashMap<>(values);
        overrides.forEach((setting, text) -> copy.put(setting.key(), setting.parser().apply(text)));
        return new Settings(copy);
    }

    public static Settings defaults() {
        return SettingsLoader.load(new String[0], Map.of());
    }

    private static <T> Setting<T> declare(String key, Kind<T> kind) {
        SettingsCatalogue.Entry entry = UNCLAIMED.remove(key);
        if (entry == null) {
            throw new IllegalStateException(key + " has no default and description in " + SettingsCatalogue.RESOURCE);
        }
        if (kind.secret() && !entry.defaultText().isEmpty()) {
            throw new IllegalStateException(key + " is a secret, so it has no default");
        }
        Setting<T> setting = new Setting<>(key, entry.defaultText(), entry.description(), kind.parser(), kind.secret());
        DECLARED.add(setting);
        return setting;
    }
}
