package io.groundstation.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting the server reads, and the values in force. A value comes from, in order of precedence: a
 * {@code --key=value} argument, the {@code GROUNDSTATION_*} environment variable, the configuration file, the
 * default.
 */
public final class Settings {

    public static final Setting<String> CONFIG_FILE = Setting.text("config", "groundstation.properties",
            "Configuration file (Java properties, keys as in this table). Read if it exists.");
    public static final Setting<String> GRPC_HOST = Setting.text("grpc.host", "0.0.0.0",
            "Address the agent (gRPC) port binds to.");
    public static final Setting<Integer> GRPC_PORT = Setting.port("grpc.port", 11800,
            "Agent (gRPC) port. 0 picks a free port; the chosen one is logged.");
    public static final Setting<String> HTTP_HOST = Setting.text("http.host", "0.0.0.0",
            "Address the HTTP API port binds to.");
    public static final Setting<Integer> HTTP_PORT = Setting.port("http.port", 12800,
            "HTTP API port (operator API, /healthz, /readyz, /metrics). 0 picks a free port.");
    public static final Setting<String> DATA_DIR = Setting.text("data.dir", "./data",
            "Directory of the embedded SQLite database, file groundstation.db (used when jdbc.url is empty).");
    public static final Setting<String> JDBC_URL = Setting.text("jdbc.url", "",
            "JDBC URL of the database, e.g. jdbc:postgresql://db:5432/groundstation. Empty: embedded SQLite in data.dir.");
    public static final Setting<String> JDBC_USER = Setting.text("jdbc.user", "",
            "Database user.");
    public static final Setting<String> JDBC_PASSWORD = Setting.secret("jdbc.password",
            "Database password.");
    public static final Setting<Integer> JDBC_POOL_SIZE = Setting.integer("jdbc.pool-size", 8,
            "Largest number of database connections (on embedded SQLite: readers; writes take one at a time).");
    public static final Setting<String> AGENT_TOKEN = Setting.secret("agent.token",
            "When set, every agent RPC must carry it as gRPC metadata 'authentication' (Rover's token).");
    public static final Setting<String> ADMIN_TOKEN = Setting.secret("admin.token",
            "When set, HTTP write endpoints, GraphQL mutations and reads of captured network content require"
                    + " 'Authorization: Bearer <token>' (or HTTP Basic with the token as password).");
    public static final Setting<String> TLS_CERT_FILE = Setting.text("tls.cert-file", "",
            "PEM certificate chain for TLS on the agent port. Empty: plaintext.");
    public static final Setting<String> TLS_KEY_FILE = Setting.text("tls.key-file", "",
            "PEM private key (PKCS#8) for tls.cert-file.");
    public static final Setting<String> TLS_CLIENT_CA_FILE = Setting.text("tls.client-ca-file", "",
            "PEM CA bundle. When set, agents must present a client certificate it signed (mutual TLS).");
    public static final Setting<Long> GRPC_MAX_MESSAGE = Setting.bytes("grpc.max-message-size", "50MB",
            "Largest gRPC message the agent port accepts (Rover's span events can be large).");
    public static final Setting<Integer> GRPC_MAX_CALLS_PER_CONNECTION = Setting.integer(
            "grpc.max-concurrent-calls-per-connection", 64,
            "Most calls one agent connection may have open at once (Rover needs fewer than ten).");
    public static final Setting<Duration> GRPC_MAX_CALL_DURATION = Setting.duration("grpc.max-call-duration", "2m",
            "Calls still open after this are ended with DEADLINE_EXCEEDED (Rover's calls take milliseconds).");
    public static final Setting<Integer> GRPC_CALL_THREADS = Setting.integer("grpc.call-threads", 32,
            "Threads in each pool answering agent calls that may wait for the database (registrations, polls,"
                    + " streams); more calls wait in a queue (a fleet restarting at once sends one call per agent).");
    public static final Setting<Duration> GRPC_MAX_CONNECTION_IDLE = Setting.duration("grpc.max-connection-idle",
            "30m", "Connections without calls for this long are closed (Rover reconnects when it needs to).");
    public static final Setting<Long> LIMIT_REQUEST_SIZE = Setting.bytes("limit.request-size", "8MB",
            "Largest registration or keep-alive request; larger ones get INVALID_ARGUMENT.");
    public static final Setting<Integer> LIMIT_ITEMS = Setting.integer("limit.items-per-request", 10000,
            "Most processes in one reportProcesses or keepAlive request.");
    public static final Setting<Integer> LIMIT_NAME_LENGTH = Setting.integer("limit.name-length", 1024,
            "Longest layer, service, instance or process name, label or agent id (characters).");
    public static final Setting<Integer> LIMIT_PROPERTY_LENGTH = Setting.integer("limit.property-length", 16384,
            "Longest property key or value (characters); command lines can be long.");
    public static final Setting<Integer> LIMIT_PROPERTIES = Setting.integer("limit.properties-per-process", 64,
            "Most properties (and most labels) on one process.");
    public static final Setting<Integer> LIMIT_PROCESSES_PER_AGENT = Setting.integer("limit.processes-per-agent",
            10000, "Most alive processes one agent may hold; a report that would pass it is refused whole with"
                    + " RESOURCE_EXHAUSTED (the agent retries it).");
    public static final Setting<Integer> LIMIT_SERVICES = Setting.integer("limit.services", 100000,
            "Most services in the registry; a report that would add services past it is refused like the above.");
    public static final Setting<Integer> LIMIT_POLICIES = Setting.integer("limit.policies", 10000,
            "Most services with a policy; a PUT for one more answers 409.");
    public static final Setting<Duration> PING_FLUSH_INTERVAL = Setting.duration("registry.ping-flush-interval",
            "5s", "How often coalesced keep-alives are written to the database.");
    public static final Setting<Integer> MAX_PENDING_PINGS = Setting.integer("registry.max-pending-pings", 500000,
            "Most processes (and agents) whose keep-alive waits unwritten, e.g. while the database is away."
                    + " Past it, keep-alives of others are answered UNAVAILABLE (counted in"
                    + " groundstation_pings_dropped_total); the agent pings again 20 s later.");
    public static final Setting<Duration> LIVENESS_WINDOW = Setting.duration("registry.liveness-window", "60s",
            "A process is alive while it was last seen within this window (Rover pings every 20 s).");
    public static final Setting<Duration> RETENTION = Setting.duration("registry.retention", "7d",
            "Dead processes and agents are purged once last seen is older than this.");
    public static final Setting<Duration> PURGE_INTERVAL = Setting.duration("registry.purge-interval", "10m",
            "How often the purge of expired data runs.");
    public static final Setting<Duration> CLUSTER_REFRESH = Setting.duration("cluster.refresh-interval", "2s",
            "How long a node may answer agent polls from memory before re-reading what other nodes changed"
                    + " (policies, on-demand tasks).");
    public static final Setting<Duration> POLICY_RESEND_WINDOW = Setting.duration("policy.resend-window", "20s",
            "A service that gained processes of an agent is re-sent to that agent at its next poll, so it watches the"
                    + " new ones. Polls whose agent is not known (a connection shared by several agents, or one"
                    + " moved from another node within this window) get every service that gained processes of any"
                    + " agent this recently.");
    public static final Setting<Duration> POLICY_ROLLOUT_FLUSH_INTERVAL = Setting.duration(
            "policy.rollout-flush-interval", "5s", "How often the policy versions agents report holding are"
                    + " written to the database (only what changed, see GET /api/policies/{service}/rollout).");
    public static final Setting<Integer> TASK_MAX_CONCURRENT = Setting.integer("task.max-concurrent-per-service",
            10, "Most triggered tasks one service may run at once; more reports get RESOURCE_EXHAUSTED.");
    public static final Setting<Integer> TASK_MAX_RUNNING = Setting.integer("task.max-running", 2000,
            "Most tasks of any kind running at once; a trigger past it gets RESOURCE_EXHAUSTED, an on-demand"
                    + " request 429.");
    public static final Setting<Duration> TASK_RETENTION = Setting.duration("task.retention", "14d",
            "Profiling tasks and the profiles uploaded for them are purged this long after the task ended.");
    public static final Setting<Duration> PROFILE_SLICE = Setting.duration("profile.slice", "10s",
            "Uploaded samples are summed per task, process, stack and slice of this length.");
    public static final Setting<String> METER_PREFIX = Setting.text("meter.prefix", "rover_con_p_",
            "Name prefix of the continuous-profiling meters to store (Rover's meter_prefix plus '_').");
    public static final Setting<Duration> METER_RETENTION = Setting.duration("meter.retention", "24h",
            "Continuous-profiling metric points older than this are purged.");
    public static final Setting<Duration> METER_FLUSH_INTERVAL = Setting.duration("meter.flush-interval", "1s",
            "How often buffered metric points are written; a crash loses the points not yet written.");
    public static final Setting<Integer> METER_BUFFER_LIMIT = Setting.integer("meter.buffer-limit", 200000,
            "Most metric points waiting to be written; more are dropped and counted while the database lags.");
    public static final Setting<Boolean> REDACT_ENABLED = Setting.flag("redact.enabled", true,
            "Redact secrets in process properties before they are stored.");
    public static final Setting<String> REDACT_PROPERTIES = Setting.text("redact.properties", "command_line",
            "Comma-separated property keys whose values are redacted.");
    public static final Setting<String> REDACT_EXTRA_PATTERNS = Setting.text("redact.extra-patterns", "",
            "Additional regexes, separated by ';;'. The first capture group of each match is replaced by ******.");
    public static final Setting<Duration> NETWORK_SLICE = Setting.duration("network.slice", "10s",
            "NETWORK task meters are summed per task, link and slice of this length.");
    public static final Setting<Duration> NETWORK_TIME_TOLERANCE = Setting.duration("network.time-tolerance", "5s",
            "Network results timed this long before a NETWORK task's start or after its end still belong to it"
                    + " (agent clock skew, flush delay).");
    public static final Setting<String> NETWORK_METER_PREFIX = Setting.text("network.meter-prefix", "rover_net_p_",
            "Name prefix of the NETWORK task meters to store (Rover's network meter prefix plus '_').");
    public static final Setting<Boolean> NETWORK_MASK_ENABLED = Setting.flag("network.mask.enabled", true,
            "Mask secret-bearing headers and JSON/form fields in captured HTTP content before it is stored.");
    public static final Setting<String> NETWORK_MASK_HEADERS = Setting.text("network.mask.headers",
            "authorization,proxy-authorization,cookie,set-cookie,x-api-key,api-key,apikey,x-auth-token",
            "Comma-separated header names (any case) whose values are masked in captured content.");
    public static final Setting<String> NETWORK_MASK_HEADER_PATTERN = Setting.text("network.mask.header-pattern",
            ".*(api[-_]?key|auth|token|secret|password|credential|session).*",
            "Regex (case-insensitive, whole name) of further header names whose values are masked. Empty: none.");
    public static final Setting<String> NETWORK_MASK_FIELDS = Setting.text("network.mask.fields",
            "pwd,pass,auth,session,sid,otp,pin",
            "Comma-separated JSON member and form field names (any case) whose values are masked in captured content.");
    public static final Setting<String> NETWORK_MASK_FIELD_PATTERN = Setting.text("network.mask.field-pattern",
            ".*(password|passwd|secret|api[-_]?key|credential|private[-_]?key|access[-_]?key).*"
                    + "|.*(token|authorization|session[-_]?id)",
            "Regex (case-insensitive, whole name) of further JSON member and form field names whose values are"
                    + " masked. Empty: none.");
    public static final Setting<Long> NETWORK_CONTENT_MAX_PER_EVENT = Setting.bytes("network.content.max-per-event",
            "64KB", "Captured content kept per HTTP request or response event; the rest is cut off.");
    public static final Setting<Long> NETWORK_CONTENT_MAX_PER_TASK = Setting.bytes("network.content.max-per-task",
            "16MB", "Captured content kept per NETWORK task; later events are stored without content.");

    public static final Setting<String> LOG_FORMAT = Setting.choice("log.format", "text", List.of("text", "json"),
            "Log lines as plain text, or as one JSON object per line for log collectors (Logback's JsonEncoder).");

    public static final Setting<String> PYROSCOPE_URL = Setting.text("export.pyroscope.url", "",
            "Pyroscope to push each ended ON_CPU/OFF_CPU task's profile to, e.g. http://pyroscope:4040 (its"
                    + " /push.v1.PusherService/Push). Empty: no export (docs/pyroscope.md).");
    public static final Setting<String> PYROSCOPE_USER = Setting.text("export.pyroscope.user", "",
            "When set, pushes use HTTP Basic with this user and export.pyroscope.token as password (Grafana Cloud:"
                    + " the stack's user id).");
    public static final Setting<String> PYROSCOPE_TOKEN = Setting.secret("export.pyroscope.token",
            "Sent as 'Authorization: Bearer <token>', or as the Basic password with export.pyroscope.user."
                    + " Never logged or stored.");
    public static final Setting<String> PYROSCOPE_TENANT = Setting.text("export.pyroscope.tenant", "",
            "Sent as X-Scope-OrgID (a multi-tenant Pyroscope). Empty: not sent.");
    public static final Setting<Duration> PYROSCOPE_INTERVAL = Setting.duration("export.pyroscope.interval", "15s",
            "How often ended tasks are pushed (by one node); also the longest one push may take and the first"
                    + " retry's wait, doubling up to 5m.");
    public static final Setting<Duration> PYROSCOPE_DELAY = Setting.duration("export.pyroscope.delay", "30s",
            "A task is pushed this long after it ended, so that the agent's last uploads (every 5 s) are in it.");
    public static final Setting<Duration> PYROSCOPE_MAX_AGE = Setting.duration("export.pyroscope.max-age", "1h",
            "Tasks that started longer ago are not pushed, and a push still failing then is given up (Pyroscope"
                    + " refuses profiles older than its validation.reject-older-than, 1h by default).");

    public static final List<Setting<?>> ALL = List.of(CONFIG_FILE, GRPC_HOST, GRPC_PORT, HTTP_HOST, HTTP_PORT,
            DATA_DIR, JDBC_URL, JDBC_USER, JDBC_PASSWORD, JDBC_POOL_SIZE, AGENT_TOKEN, ADMIN_TOKEN, TLS_CERT_FILE,
            TLS_KEY_FILE, TLS_CLIENT_CA_FILE, GRPC_MAX_MESSAGE, GRPC_MAX_CALLS_PER_CONNECTION, GRPC_MAX_CALL_DURATION, GRPC_CALL_THREADS,
            GRPC_MAX_CONNECTION_IDLE, LIMIT_REQUEST_SIZE, LIMIT_ITEMS, LIMIT_NAME_LENGTH,
            LIMIT_PROPERTY_LENGTH, LIMIT_PROPERTIES, LIMIT_PROCESSES_PER_AGENT, LIMIT_SERVICES, LIMIT_POLICIES, PING_FLUSH_INTERVAL, MAX_PENDING_PINGS, LIVENESS_WINDOW, RETENTION,
            PURGE_INTERVAL, CLUSTER_REFRESH, POLICY_RESEND_WINDOW, POLICY_ROLLOUT_FLUSH_INTERVAL, TASK_MAX_CONCURRENT, TASK_MAX_RUNNING, TASK_RETENTION, PROFILE_SLICE, METER_PREFIX,
            METER_RETENTION, METER_FLUSH_INTERVAL, METER_BUFFER_LIMIT, REDACT_ENABLED, REDACT_PROPERTIES,
            REDACT_EXTRA_PATTERNS, LOG_FORMAT, NETWORK_SLICE, NETWORK_TIME_TOLERANCE, NETWORK_METER_PREFIX,
            NETWORK_MASK_ENABLED, NETWORK_MASK_HEADERS, NETWORK_MASK_HEADER_PATTERN, NETWORK_MASK_FIELDS,
            NETWORK_MASK_FIELD_PATTERN, NETWORK_CONTENT_MAX_PER_EVENT, NETWORK_CONTENT_MAX_PER_TASK,
            PYROSCOPE_URL, PYROSCOPE_USER, PYROSCOPE_TOKEN, PYROSCOPE_TENANT, PYROSCOPE_INTERVAL, PYROSCOPE_DELAY,
            PYROSCOPE_MAX_AGE);

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
}
