package io.groundstation.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting the server reads, and the values in force. A value comes from, in order of precedence: a
 * {@code --key=value} argument, the {@code GROUNDSTATION_*} environment variable, the configuration file, the
 * default.
 */
public final class Settings {

    /** Each declaration below adds itself here; so it comes first, static fields being initialised in order. */
    private static final List<Setting<?>> DECLARED = new ArrayList<>();
    /** Every setting, in the order declared (--help and the README list them so). */
    public static final List<Setting<?>> ALL = Collections.unmodifiableList(DECLARED);

    public static final Setting<String> CONFIG_FILE = text("config", "groundstation.properties",
            "Configuration file (Java properties, keys as in this table). Read if it exists.");
    public static final Setting<String> GRPC_HOST = text("grpc.host", "0.0.0.0",
            "Address the agent (gRPC) port binds to.");
    public static final Setting<Integer> GRPC_PORT = port("grpc.port", 11800,
            "Agent (gRPC) port. 0 picks a free port; the chosen one is logged.");
    public static final Setting<String> HTTP_HOST = text("http.host", "0.0.0.0",
            "Address the HTTP API port binds to.");
    public static final Setting<Integer> HTTP_PORT = port("http.port", 12800,
            "HTTP API port (operator API, /healthz, /readyz, /metrics). 0 picks a free port.");
    public static final Setting<String> DATA_DIR = text("data.dir", "./data",
            "Directory of the embedded SQLite database, file groundstation.db (used when jdbc.url is empty).");
    public static final Setting<String> JDBC_URL = text("jdbc.url", "",
            "JDBC URL of the database, e.g. jdbc:postgresql://db:5432/groundstation. Empty: embedded SQLite in data.dir.");
    public static final Setting<String> JDBC_USER = text("jdbc.user", "",
            "Database user.");
    public static final Setting<String> JDBC_PASSWORD = secret("jdbc.password",
            "Database password.");
    public static final Setting<Integer> JDBC_POOL_SIZE = integer("jdbc.pool-size", 8,
            "Largest number of database connections (on embedded SQLite: readers; writes take one at a time).");
    public static final Setting<String> AGENT_TOKEN = secret("agent.token",
            "When set, every agent RPC must carry it as gRPC metadata 'authentication' (Rover's token).");
    public static final Setting<String> ADMIN_TOKEN = secret("admin.token",
            "When set, HTTP write endpoints, GraphQL mutations and reads of captured network content require"
                    + " 'Authorization: Bearer <token>' (or HTTP Basic with the token as password).");
    public static final Setting<String> TLS_CERT_FILE = text("tls.cert-file", "",
            "PEM certificate chain for TLS on the agent port. Empty: plaintext.");
    public static final Setting<String> TLS_KEY_FILE = text("tls.key-file", "",
            "PEM private key (PKCS#8) for tls.cert-file.");
    public static final Setting<String> TLS_CLIENT_CA_FILE = text("tls.client-ca-file", "",
            "PEM CA bundle. When set, agents must present a client certificate it signed (mutual TLS).");
    public static final Setting<Long> GRPC_MAX_MESSAGE = bytes("grpc.max-message-size", "50MB",
            "Largest gRPC message the agent port accepts (Rover's span events can be large).");
    public static final Setting<Integer> GRPC_MAX_CALLS_PER_CONNECTION = integer(
            "grpc.max-concurrent-calls-per-connection", 64,
            "Most calls one agent connection may have open at once (Rover needs fewer than ten).");
    public static final Setting<Duration> GRPC_MAX_CALL_DURATION = duration("grpc.max-call-duration", "2m",
            "Calls still open after this are ended with DEADLINE_EXCEEDED (Rover's calls take milliseconds).");
    public static final Setting<Integer> GRPC_CALL_THREADS = integer("grpc.call-threads", 32,
            "Threads in each pool answering agent calls that may wait for the database (registrations, polls,"
                    + " streams); more calls wait in a queue (a fleet restarting at once sends one call per agent).");
    public static final Setting<Integer> GRPC_MAX_WAITING_REGISTRATIONS = integer("grpc.max-waiting-registrations", 0,
            "Most registrations waiting for a thread, each holding its request in direct memory; more are refused"
                    + " UNAVAILABLE at once and Rover reports again at its next heartbeat. 0: one per 96 KiB of the"
                    + " JVM's direct-memory limit (the heap's maximum unless -XX:MaxDirectMemorySize is set).");
    public static final Setting<Duration> GRPC_MAX_CONNECTION_IDLE = duration("grpc.max-connection-idle",
            "30m", "Connections without calls for this long are closed (Rover reconnects when it needs to).");
    public static final Setting<Long> LIMIT_REQUEST_SIZE = bytes("limit.request-size", "8MB",
            "Largest unary agent request (registration, keep-alive, poll, trigger report); larger ones get"
                    + " INVALID_ARGUMENT.");
    public static final Setting<Integer> LIMIT_ITEMS = integer("limit.items-per-request", 10000,
            "Most processes in one reportProcesses or keepAlive request.");
    public static final Setting<Integer> LIMIT_NAME_LENGTH = integer("limit.name-length", 1024,
            "Longest layer, service, instance or process name, label or agent id (characters).");
    public static final Setting<Integer> LIMIT_PROPERTY_LENGTH = integer("limit.property-length", 16384,
            "Longest property key or value (characters); command lines can be long.");
    public static final Setting<Integer> LIMIT_PROPERTIES = integer("limit.properties-per-process", 64,
            "Most properties (and most labels) on one process.");
    public static final Setting<Integer> LIMIT_PROCESSES_PER_AGENT = integer("limit.processes-per-agent",
            10000, "Most alive processes one agent may hold; a report that would pass it is refused whole with"
                    + " RESOURCE_EXHAUSTED (the agent retries it).");
    public static final Setting<Integer> LIMIT_SERVICES = integer("limit.services", 100000,
            "Most services in the registry; a report that would add services past it is refused like the above.");
    public static final Setting<Integer> LIMIT_POLICIES = integer("limit.policies", 10000,
            "Most services with a policy; a PUT for one more answers 409.");
    public static final Setting<Duration> PING_FLUSH_INTERVAL = duration("registry.ping-flush-interval",
            "5s", "How often coalesced keep-alives are written to the database.");
    public static final Setting<Integer> MAX_PENDING_PINGS = integer("registry.max-pending-pings", 500000,
            "Most processes (and agents) whose keep-alive waits unwritten, e.g. while the database is away."
                    + " Past it, keep-alives of others are answered UNAVAILABLE (counted in"
                    + " groundstation_pings_dropped_total); the agent pings again 20 s later.");
    public static final Setting<Duration> LIVENESS_WINDOW = duration("registry.liveness-window", "60s",
            "A process is alive while it was last seen within this window (Rover pings every 20 s).");
    public static final Setting<Duration> RETENTION = duration("registry.retention", "7d",
            "Dead processes and agents are purged once last seen is older than this.");
    public static final Setting<Duration> PURGE_INTERVAL = duration("registry.purge-interval", "10m",
            "How often the purge of expired data runs.");
    public static final Setting<Duration> CLUSTER_REFRESH = duration("cluster.refresh-interval", "2s",
            "How long a node may answer agent polls from memory before re-reading what other nodes changed"
                    + " (policies, on-demand tasks).");
    public static final Setting<Duration> POLICY_RESEND_WINDOW = duration("policy.resend-window", "20s",
            "A service that gained processes of an agent is re-sent to that agent at its next poll, so it watches the"
                    + " new ones. Polls whose agent is not known (a connection shared by several agents, or one"
                    + " moved from another node within this window) get every service that gained processes of any"
                    + " agent this recently.");
    public static final Setting<Duration> POLICY_ROLLOUT_FLUSH_INTERVAL = duration(
            "policy.rollout-flush-interval", "5s", "How often the policy versions agents report holding are"
                    + " written to the database (an agent's poll time, and its holdings only when they change; see"
                    + " GET /api/policies/{service}/rollout).");
    public static final Setting<Integer> TASK_MAX_CONCURRENT = integer("task.max-concurrent-per-service",
            10, "Most triggered tasks one service may run at once; more reports get RESOURCE_EXHAUSTED.");
    public static final Setting<Integer> TASK_MAX_RUNNING = integer("task.max-running", 2000,
            "Most tasks of any kind running at once; a trigger past it gets RESOURCE_EXHAUSTED, an on-demand"
                    + " request 429.");
    public static final Setting<Duration> TASK_RETENTION = duration("task.retention", "14d",
            "Profiling tasks and the profiles uploaded for them are purged this long after the task ended.");
    public static final Setting<Duration> PROFILE_SLICE = duration("profile.slice", "10s",
            "Uploaded samples are summed per task, process, stack and slice of this length.");
    public static final Setting<String> METER_PREFIX = text("meter.prefix", "rover_con_p_",
            "Name prefix of the continuous-profiling meters to store (Rover's meter_prefix plus '_').");
    public static final Setting<Duration> METER_RETENTION = duration("meter.retention", "24h",
            "Continuous-profiling metric points older than this are purged.");
    public static final Setting<Duration> METER_FLUSH_INTERVAL = duration("meter.flush-interval", "1s",
            "How often buffered metric points are written; a crash loses the points not yet written.");
    public static final Setting<Integer> METER_BUFFER_LIMIT = integer("meter.buffer-limit", 200000,
            "Most metric points waiting to be written; more are dropped and counted while the database lags.");
    public static final Setting<Boolean> REDACT_ENABLED = flag("redact.enabled", true,
            "Redact secrets in process properties before they are stored.");
    public static final Setting<String> REDACT_PROPERTIES = text("redact.properties", "command_line",
            "Comma-separated property keys whose values are redacted.");
    public static final Setting<String> REDACT_EXTRA_PATTERNS = text("redact.extra-patterns", "",
            "Additional regexes, separated by ';;'. The first capture group of each match is replaced by ******.");
    public static final Setting<String> LOG_FORMAT = choice("log.format", "text", List.of("text", "json"),
            "Log lines as plain text, or as one JSON object per line for log collectors (Logback's JsonEncoder).");
    public static final Setting<Duration> NETWORK_SLICE = duration("network.slice", "10s",
            "NETWORK task meters are summed per task, link and slice of this length.");
    public static final Setting<Duration> NETWORK_TIME_TOLERANCE = duration("network.time-tolerance", "5s",
            "Network results timed this long before a NETWORK task's start or after its end still belong to it"
                    + " (agent clock skew, flush delay).");
    public static final Setting<String> NETWORK_METER_PREFIX = text("network.meter-prefix", "rover_net_p_",
            "Name prefix of the NETWORK task meters to store (Rover's network meter prefix plus '_').");
    public static final Setting<Boolean> NETWORK_MASK_ENABLED = flag("network.mask.enabled", true,
            "Mask secret-bearing headers and JSON/form fields in captured HTTP content before it is stored.");
    public static final Setting<String> NETWORK_MASK_HEADERS = text("network.mask.headers",
            "authorization,proxy-authorization,cookie,set-cookie,x-api-key,api-key,apikey,x-auth-token",
            "Comma-separated header names (any case) whose values are masked in captured content.");
    public static final Setting<String> NETWORK_MASK_HEADER_PATTERN = text("network.mask.header-pattern",
            ".*(api[-_]?key|auth|token|secret|password|credential|session).*",
            "Regex (case-insensitive, whole name) of further header names whose values are masked. Empty: none.");
    public static final Setting<String> NETWORK_MASK_FIELDS = text("network.mask.fields",
            "pwd,pass,auth,session,sid,otp,pin",
            "Comma-separated JSON member and form field names (any case) whose values are masked in captured content.");
    public static final Setting<String> NETWORK_MASK_FIELD_PATTERN = text("network.mask.field-pattern",
            ".*(password|passwd|secret|api[-_]?key|credential|private[-_]?key|access[-_]?key).*"
                    + "|.*(token|authorization|session[-_]?id)",
            "Regex (case-insensitive, whole name) of further JSON member and form field names whose values are"
                    + " masked. Empty: none.");
    public static final Setting<Long> NETWORK_CONTENT_MAX_PER_EVENT = bytes("network.content.max-per-event",
            "64KB", "Captured content kept per HTTP request or response event; the rest is cut off.");
    public static final Setting<Long> NETWORK_CONTENT_MAX_PER_TASK = bytes("network.content.max-per-task",
            "16MB", "Captured content kept per NETWORK task; later events are stored without content.");

    public static final Setting<String> PYROSCOPE_URL = text("export.pyroscope.url", "",
            "Pyroscope to push each ended ON_CPU/OFF_CPU task's profile to, e.g. http://pyroscope:4040 (its"
                    + " /push.v1.PusherService/Push). Empty: no export (docs/pyroscope.md).");
    public static final Setting<String> PYROSCOPE_USER = text("export.pyroscope.user", "",
            "When set, pushes use HTTP Basic with this user and export.pyroscope.token as password (Grafana Cloud:"
                    + " the stack's user id).");
    public static final Setting<String> PYROSCOPE_TOKEN = secret("export.pyroscope.token",
            "Sent as 'Authorization: Bearer <token>', or as the Basic password with export.pyroscope.user."
                    + " Never logged or stored.");
    public static final Setting<String> PYROSCOPE_TENANT = text("export.pyroscope.tenant", "",
            "Sent as X-Scope-OrgID (a multi-tenant Pyroscope). Empty: not sent.");
    public static final Setting<Duration> PYROSCOPE_INTERVAL = duration("export.pyroscope.interval", "15s",
            "How often ended tasks are pushed (by one node); also the longest one push may take and the first"
                    + " retry's wait, doubling up to 5m.");
    public static final Setting<Duration> PYROSCOPE_DELAY = duration("export.pyroscope.delay", "30s",
            "A task is pushed this long after it ended, so that the agent's last uploads (every 5 s) are in it.");
    public static final Setting<Duration> PYROSCOPE_MAX_AGE = duration("export.pyroscope.max-age", "1h",
            "Tasks that started longer ago are not pushed, and a push still failing then is given up (Pyroscope"
                    + " refuses profiles older than its validation.reject-older-than, 1h by default).");

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

    private static <T> Setting<T> declare(String key, String defaultText, String description,
                                          Function<String, T> parser, boolean secret) {
        Setting<T> setting = new Setting<>(key, defaultText, description, parser, secret);
        DECLARED.add(setting);
        return setting;
    }

    private static Setting<String> text(String key, String defaultText, String description) {
        return declare(key, defaultText, description, String::trim, false);
    }

    /** Never shown: --help says (unset) whatever its value. */
    private static Setting<String> secret(String key, String description) {
        return declare(key, "", description, String::trim, true);
    }

    private static Setting<Integer> integer(String key, int defaultValue, String description) {
        return declare(key, Integer.toString(defaultValue), description, Setting::parseInt, false);
    }

    private static Setting<Integer> port(String key, int defaultValue, String description) {
        return declare(key, Integer.toString(defaultValue), description, Setting::parsePort, false);
    }

    private static Setting<Long> bytes(String key, String defaultText, String description) {
        return declare(key, defaultText, description, ByteSize::parse, false);
    }

    private static Setting<Duration> duration(String key, String defaultText, String description) {
        return declare(key, defaultText, description, DurationText::parse, false);
    }

    /** One of a fixed set of words, given in lower case. */
    private static Setting<String> choice(String key, String defaultText, List<String> choices, String description) {
        return declare(key, defaultText, description, text -> Setting.parseChoice(text, choices), false);
    }

    private static Setting<Boolean> flag(String key, boolean defaultValue, String description) {
        return declare(key, Boolean.toString(defaultValue), description, Setting::parseFlag, false);
    }
}
