package io.groundstation;

import io.groundstation.agent.AgentServer;
import io.groundstation.agent.RequestLimits;
import io.groundstation.backtest.PolicyBacktest;
import io.groundstation.config.ConfigurationException;
import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.config.SettingsLoader;
import io.groundstation.export.ProfileExport;
import io.groundstation.graphql.GraphqlRoutes;
import io.groundstation.graphql.QueryProtocol;
import io.groundstation.http.FleetRoutes;
import io.groundstation.http.HttpApi;
import io.groundstation.http.MeterRoutes;
import io.groundstation.http.NetworkRoutes;
import io.groundstation.http.PolicyRoutes;
import io.groundstation.http.RegistryRoutes;
import io.groundstation.http.TaskRoutes;
import io.groundstation.jobs.ClusterJob;
import io.groundstation.jobs.LeasedJobs;
import io.groundstation.jobs.Termination;
import io.groundstation.log.LogFormat;
import io.groundstation.log.ThrottledLog;
import io.groundstation.meter.ContinuousMetrics;
import io.groundstation.metrics.Metrics;
import io.groundstation.metrics.WriteBehindMeters;
import io.groundstation.network.ContentMasker;
import io.groundstation.network.NetworkLimits;
import io.groundstation.network.NetworkResults;
import io.groundstation.policy.PolicyRollout;
import io.groundstation.policy.PolicyCoverage;
import io.groundstation.policy.PolicyService;
import io.groundstation.policy.PolicyValidator;
import io.groundstation.policy.RolloutWrites;
import io.groundstation.pyroscope.PyroscopeClient;
import io.groundstation.registry.HeartbeatWrites;
import io.groundstation.registry.Liveness;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.PropertyRedactor;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.registry.RegistryLimits;
import io.groundstation.registry.RegistryWrites;
import io.groundstation.store.Database;
import io.groundstation.profile.ProfileService;
import io.groundstation.store.JdbcExportStore;
import io.groundstation.store.JdbcLeaseStore;
import io.groundstation.store.JdbcMeterStore;
import io.groundstation.store.JdbcNetworkStore;
import io.groundstation.store.JdbcPolicyRolloutStore;
import io.groundstation.store.JdbcPolicyStore;
import io.groundstation.store.JdbcProfileStore;
import io.groundstation.store.JdbcRegistryStore;
import io.groundstation.store.JdbcTaskStore;
import io.groundstation.task.OnDemandPlanner;
import io.groundstation.task.Tasks;
import io.groundstation.task.TriggerGovernor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Reads the configuration, wires the parts, starts them, and stops them in an order that loses nothing. */
public final class Groundstation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Groundstation.class);
    private final Metrics metrics;
    private final Database database;
    private final ProcessRegistry registry;
    private final ContinuousMetrics meters;
    private final PolicyRollout rollout;
    private final AgentServer agentServer;
    private final HttpApi httpApi;
    private final ScheduledExecutorService background;
    private final LeasedJobs jobs;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Groundstation(Metrics metrics, Database database, ProcessRegistry registry, ContinuousMetrics meters,
                          PolicyRollout rollout, AgentServer agentServer, HttpApi httpApi,
                          ScheduledExecutorService background, LeasedJobs jobs) {
        this.metrics = metrics;
        this.database = database;
        this.registry = registry;
        this.meters = meters;
        this.rollout = rollout;
        this.agentServer = agentServer;
        this.httpApi = httpApi;
        this.background = background;
        this.jobs = jobs;
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(SettingsLoader.help());
            return;
        }
        Settings settings;
        try {
            settings = SettingsLoader.load(args, System.getenv());
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Groundstation server = start(settings, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "groundstation-shutdown"));
    }

    public static Groundstation start(Settings settings, Clock clock) {
        LogFormat.apply(settings.get(Settings.LOG_FORMAT));
        Metrics metrics = new Metrics();
        Database database = openDatabase(settings, metrics.registry());
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "groundstation-background");
            thread.setDaemon(true);
            return thread;
        });
        LeasedJobs jobs = new LeasedJobs(new JdbcLeaseStore(database), nodeName(), clock);
        try {
            ProcessRegistry registry = new ProcessRegistry(new JdbcRegistryStore(database), redactor(settings),
                    new Liveness(settings.get(Settings.LIVENESS_WINDOW), clock), clock,
                    settings.get(Settings.MAX_PENDING_PINGS), new RegistryLimits(
                            settings.get(Settings.LIMIT_PROCESSES_PER_AGENT), settings.get(Settings.LIMIT_SERVICES)));
            schedule(background, registry, settings, metrics.registry());
            Duration retention = settings.get(Settings.RETENTION);
            schedulePurge(jobs, settings, ClusterJob.REGISTRY_PURGE, () -> registry.purgeOlderThan(retention),
                    "processes not seen for " + retention);
            PolicyValidator validator = new PolicyValidator(settings.get(Settings.LIMIT_NAME_LENGTH));
            PolicyRollout rollout = new PolicyRollout(new JdbcPolicyRolloutStore(database),
                    settings.get(Settings.LIVENESS_WINDOW), clock);
            PolicyService policies = new PolicyService(new JdbcPolicyStore(database), validator,
                    registry::servicesRegisteredSince, settings.get(Settings.CLUSTER_REFRESH),
                    settings.get(Settings.POLICY_RESEND_WINDOW), settings.get(Settings.LIMIT_POLICIES), rollout, clock);
            registry.onRegistration(policies::servicesGainedProcesses);
            Meter.MeterProvider<Counter> rolloutRows = Counter.builder("groundstation_rollout_rows_written")
                    .description("Policy rollout rows written: policy_poller (an agent's poll time and digest),"
                            + " policy_rollout (holdings written or deleted because they changed).")
                    .withRegistry(metrics.registry());
            scheduleFlush(background, settings.get(Settings.ROLLOUT_FLUSH_INTERVAL), () -> {
                RolloutWrites writes = rollout.flush();
                rolloutRows.withTags("table", "policy_poller").increment(writes.agents());
                rolloutRows.withTags("table", "policy_rollout").increment(writes.holdings());
                return writes.agents();
            },
                    Counter.builder("groundstation_rollout_flush_failures").description("Policy rollout writes"
                            + " that failed; what they held is written by the next one.").register(metrics.registry()),
                    "Policy rollout write");
            schedulePurge(jobs, settings, ClusterJob.ROLLOUT_PURGE, rollout::purge, "policy holdings of agents that stopped"
                    + " polling");
            JdbcTaskStore taskStore = new JdbcTaskStore(database);
            Tasks tasks = new Tasks(taskStore, settings.get(Settings.TASK_MAX_RUNNING),
                    settings.get(Settings.CLUSTER_REFRESH), clock);
            TriggerGovernor triggers = new TriggerGovernor(taskStore, tasks, policies::policyRegex,
                    settings.get(Settings.TASK_MAX_CONCURRENT), clock);
            OnDemandPlanner onDemand = new OnDemandPlanner(taskStore, tasks, registry,
                    settings.get(Settings.CLUSTER_REFRESH), clock);
            ProfileService profiles = new ProfileService(new JdbcProfileStore(database), tasks::task,
                    settings.get(Settings.PROFILE_SLICE));
            ContinuousMetrics meters = new ContinuousMetrics(new JdbcMeterStore(database),
                    settings.get(Settings.METER_PREFIX), settings.get(Settings.LIMIT_NAME_LENGTH),
                    settings.get(Settings.METER_BUFFER_LIMIT), settings.get(Settings.METER_RETENTION), clock);
            scheduleMeters(background, meters, settings, metrics.registry());
            schedulePurge(jobs, settings, ClusterJob.METER_PURGE, meters::purgeExpired,
                    "metric points older than " + settings.get(Settings.METER_RETENTION));
            Duration taskRetention = settings.get(Settings.TASK_RETENTION);
            NetworkResults network = new NetworkResults(new JdbcNetworkStore(database), tasks::recentNetworkTasks,
                    tasks::task, tasks::networkTasksOf, id -> registry.process(id).map(p -> p.entity().processName()),
                    masker(settings),
                    new NetworkLimits(settings.get(Settings.NETWORK_METER_PREFIX),
                            settings.get(Settings.LIMIT_NAME_LENGTH), settings.get(Settings.NETWORK_SLICE),
                            settings.get(Settings.NETWORK_TIME_TOLERANCE),
                            settings.get(Settings.NETWORK_CONTENT_MAX_PER_EVENT),
                            settings.get(Settings.NETWORK_CONTENT_MAX_PER_TASK)), clock);
            JdbcExportStore exports = new JdbcExportStore(database);
            schedulePyroscopeExport(jobs, settings, exports, tasks, profiles, registry, clock, metrics.registry());
            schedulePurge(jobs, settings, ClusterJob.TASK_PURGE, () -> tasks.purgeEndedBefore(taskRetention, batch -> {
                profiles.deleteProfilesOf(batch);
                network.deleteResultsOf(batch);
                exports.forget(batch);
            }), "profiling tasks and their profiles, network results and exports ended over " + taskRetention
                    + " ago");
            schedulePurge(jobs, settings, ClusterJob.STACK_PURGE, profiles::deleteUnusedStacks, "stacks no profile uses");

            AgentServer agentServer = AgentServer.start(
                    new InetSocketAddress(settings.get(Settings.GRPC_HOST), settings.get(Settings.GRPC_PORT)),
                    settings.get(Settings.AGENT_TOKEN), tls(settings), connectionLimits(settings), metrics.registry(),
                    AgentServer.services(registry, policies, triggers, onDemand, profiles, meters, network,
                            limits(settings), metrics.registry()));
            HttpApi httpApi = HttpApi.start(settings.get(Settings.HTTP_HOST), settings.get(Settings.HTTP_PORT),
                    settings.get(Settings.ADMIN_TOKEN), metrics, database::isReachable,
                    List.of(new RegistryRoutes(registry),
                            new FleetRoutes(registry, policies, tasks, triggers, profiles),
                            new PolicyRoutes(policies, registry,
                                    new PolicyCoverage(policies, registry, triggers, meters),
                                    new PolicyBacktest(meters, clock)),
                            new TaskRoutes(tasks, onDemand, profiles), new MeterRoutes(meters, clock),
                            new NetworkRoutes(network),
                            new GraphqlRoutes(new QueryProtocol(registry, policies, tasks, triggers, onDemand,
                                    profiles, network, clock),
                                    settings.get(Settings.ADMIN_TOKEN))));
            LOG.info("Groundstation listening: agents (gRPC{}) on {}:{}, HTTP API on {}:{}",
                    tls(settings) == null ? "" : ", TLS", settings.get(Settings.GRPC_HOST), agentServer.port(),
                    settings.get(Settings.HTTP_HOST), httpApi.port());
            return new Groundstation(metrics, database, registry, meters, rollout, agentServer, httpApi, background,
                    jobs);
        } catch (RuntimeException e) {
            background.shutdownNow();
            jobs.close();
            database.close();
            metrics.close();
            throw e;
        }
    }

    private static Database openDatabase(Settings settings, MeterRegistry metrics) {
        String url = settings.get(Settings.JDBC_URL);
        if (url.isEmpty()) {
            Path dir = Path.of(settings.get(Settings.DATA_DIR)).toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new ConfigurationException("cannot create data.dir " + dir + ": " + e.getMessage());
            }
            url = Database.embeddedUrl(dir);
            LOG.info("Storage: embedded SQLite in {}", dir.resolve(Database.EMBEDDED_FILE));
            if (Files.exists(dir.resolve("groundstation.mv.db"))) {
                LOG.warn("{} holds an H2 database of an earlier version (groundstation.mv.db); it is not read."
                        + " Agents register their processes again within a heartbeat; policies must be set again.",
                        dir);
            }
        } else {
            LOG.info("Storage: {}", url.split("\\?")[0]);
        }
        return Database.open(url, settings.get(Settings.JDBC_USER), settings.get(Settings.JDBC_PASSWORD),
                settings.get(Settings.JDBC_POOL_SIZE), metrics);
    }

    private static void schedule(ScheduledExecutorService background, ProcessRegistry registry, Settings settings,
                                 MeterRegistry metrics) {
        AtomicLong lastFlush = new AtomicLong(System.currentTimeMillis());
        Counter flushFailures = Counter.builder("groundstation_ping_flush_failures")
                .description("Keep-alive flushes that failed; their pings stay pending for the next one.")
                .register(metrics);
        gauge(metrics, "groundstation_registry_processes", "Processes in the registry (alive and dead).",
                registry::countProcesses);
        gauge(metrics, "groundstation_pending_pings", "Processes named by heartbeats waiting for the next flush.",
                registry::pendingPings);
        Meter.MeterProvider<Counter> rows = Counter.builder("groundstation_registry_rows_written")
                .description("Registry rows written, by table and by what wrote them (docs/design.md, liveness"
                        + " writes).").withRegistry(metrics);
        Meter.MeterProvider<Counter> heartbeats = Counter.builder("groundstation_heartbeats_applied")
                .description("Agent heartbeats written: by one agent row (digest) or reconciled process by"
                        + " process.").withRegistry(metrics);
        registry.onWrites(new RegistryWrites() {
            @Override
            public void registered(int processRows) {
                rows.withTags("table", "process", "cause", "registration").increment(processRows);
            }

            @Override
            public void heartbeats(HeartbeatWrites writes) {
                rows.withTags("table", "agent", "cause", "heartbeat")
                        .increment(writes.agentRowsMoved() + writes.agentsReconciled());
                rows.withTags("table", "process", "cause", "heartbeat").increment(writes.processRows());
                heartbeats.withTags("path", "digest").increment(writes.agentRowsMoved());
                heartbeats.withTags("path", "reconciled").increment(writes.agentsReconciled());
            }
        });
        gauge(metrics, "groundstation_ping_flush_lag_seconds", "Seconds since the last successful keep-alive flush.",
                () -> (System.currentTimeMillis() - lastFlush.get()) / 1000.0);
        WriteBehindMeters buffer = new WriteBehindMeters(metrics, WriteBehindMeters.PINGS, registry::pendingPings);
        scheduleFlush(background, settings.get(Settings.PING_FLUSH_INTERVAL), () -> buffer.flush(() -> {
            int written = registry.flushPings();
            lastFlush.set(System.currentTimeMillis());
            return written;
        }), flushFailures, "Keep-alive flush");
    }

    private static void gauge(MeterRegistry metrics, String name, String help,
                              Supplier<Number> value) {
        Gauge.builder(name, value).strongReference(true).description(help).register(metrics);
    }

    /** Writes a buffer every interval; a failed write is counted and retried, the buffer keeping what it held. */
    private static void scheduleFlush(ScheduledExecutorService background, Duration interval, IntSupplier flush,
                                      Counter failures, String what) {
        long millis = interval.toMillis();
        background.scheduleWithFixedDelay(() -> {
            try {
                flush.getAsInt();
            } catch (RuntimeException e) {
                failures.increment();
                LOG.warn("{} failed, will retry: {}", what, e.getMessage());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * One node at a time purges (see {@link LeasedJobs}); every purge is idempotent, so one cut short is redone by
     * the next holder. {@code purge} returns how many rows went; {@code what} names them in the log.
     */
    private static void schedulePurge(LeasedJobs jobs, Settings settings, ClusterJob job, IntSupplier purge,
                                      String what) {
        jobs.schedule(job, settings.get(Settings.PURGE_INTERVAL), () -> {
            int purged = purge.getAsInt();
            if (purged > 0) {
                LOG.info("Purged {} {}", purged, what);
            }
        });
    }

    /**
     * With export.pyroscope.url set, one node at a time pushes the profiles of ended CPU tasks to Pyroscope
     * ({@link ProfileExport}); counted in /metrics, failures logged at most once a minute.
     */
    private static void schedulePyroscopeExport(LeasedJobs jobs, Settings settings, JdbcExportStore store,
                                                Tasks tasks, ProfileService profiles,
                                                ProcessRegistry registry, Clock clock, MeterRegistry metrics) {
        String url = settings.get(Settings.PYROSCOPE_URL);
        if (url.isEmpty()) {
            return;
        }
        Duration interval = settings.get(Settings.PYROSCOPE_INTERVAL);
        if (interval.isZero()) {
            throw new ConfigurationException("export.pyroscope.interval must be longer than 0");
        }
        PyroscopeClient client;
        try {
            client = PyroscopeClient.create(url, settings.get(Settings.PYROSCOPE_USER),
                    settings.get(Settings.PYROSCOPE_TOKEN), settings.get(Settings.PYROSCOPE_TENANT), interval);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("export.pyroscope.url: " + e.getMessage());
        }
        ProfileExport export = new ProfileExport(store, client, tasks::task, profiles::pprofByProcess,
                id -> registry.process(id).map(RegisteredProcess::entity), new ProfileExport.Timing(interval,
                settings.get(Settings.PYROSCOPE_DELAY), settings.get(Settings.PYROSCOPE_MAX_AGE)), clock);
        Meter.MeterProvider<Counter> decided = Counter.builder("groundstation_pyroscope_tasks")
                .description("Ended CPU tasks whose push to Pyroscope was decided: pushed, empty (nothing was"
                        + " uploaded), failed (refused, or still failing at export.pyroscope.max-age).")
                .withRegistry(metrics);
        Counter pushed = decided.withTags("outcome", "pushed");
        Counter empty = decided.withTags("outcome", "empty");
        Counter failed = decided.withTags("outcome", "failed");
        Counter retries = Counter.builder("groundstation_pyroscope_retries")
                .description("Pushes to Pyroscope that failed and will be tried again after a back-off.")
                .register(metrics);
        gauge(metrics, "groundstation_pyroscope_pending", "Ended CPU tasks whose profile waits for a push to"
                + " Pyroscope (due, or waiting to retry), cluster-wide.", export::pending);
        ThrottledLog problems = new ThrottledLog(LOG, 60_000);
        jobs.schedule(ClusterJob.PYROSCOPE_EXPORT, interval, () -> {
            ProfileExport.Run run = export.run();
            pushed.increment(run.pushed());
            empty.increment(run.empty());
            failed.increment(run.failed());
            retries.increment(run.retried());
            run.problems().forEach(problem -> problems.warn("Pyroscope export: {}", problem));
        });
        LOG.info("Pyroscope export: profiles of ended CPU tasks go to {}", url);
    }

    /** This node's name in the lease table: the host, for operators, and a random part, unique per start. */
    private static String nodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void scheduleMeters(ScheduledExecutorService background, ContinuousMetrics meters,
                                       Settings settings, MeterRegistry metrics) {
        Counter flushFailures = Counter.builder("groundstation_meter_flush_failures")
                .description("Metric point writes that failed; their points stay buffered for the next one.")
                .register(metrics);
        gauge(metrics, "groundstation_meter_pending_points", "Metric points waiting to be written.", meters::pending);
        WriteBehindMeters buffer = new WriteBehindMeters(metrics, WriteBehindMeters.METER_POINTS, meters::pending);
        scheduleFlush(background, settings.get(Settings.METER_FLUSH_INTERVAL), () -> buffer.flush(meters::flush),
                flushFailures, "Metric point write");
    }

    private static PropertyRedactor redactor(Settings settings) {
        if (!settings.get(Settings.REDACT_ENABLED)) {
            return PropertyRedactor.disabled();
        }
        String extra = settings.get(Settings.REDACT_EXTRA_PATTERNS);
        List<String> extraRules = extra.isEmpty() ? List.of() : Arrays.asList(extra.split(";;"));
        Set<String> keys = Set.of(settings.get(Settings.REDACT_PROPERTIES).split("\\s*,\\s*"));
        try {
            return new PropertyRedactor(keys, PropertyRedactor.rulesWith(extraRules));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("redact.extra-patterns: " + e.getMessage());
        }
    }

    private static ContentMasker masker(Settings settings) {
        if (!settings.get(Settings.NETWORK_MASK_ENABLED)) {
            return ContentMasker.disabled();
        }
        return new ContentMasker(names(settings, Settings.NETWORK_MASK_HEADERS),
                pattern(settings, Settings.NETWORK_MASK_HEADER_PATTERN), names(settings, Settings.NETWORK_MASK_FIELDS),
                pattern(settings, Settings.NETWORK_MASK_FIELD_PATTERN));
    }

    private static Set<String> names(Settings settings, Setting<String> setting) {
        return Set.copyOf(Arrays.asList(settings.get(setting).split("\\s*,\\s*")));
    }

    /** A regex setting's value, refused at start when it does not compile. */
    private static String pattern(Settings settings, Setting<String> setting) {
        String pattern = settings.get(setting);
        try {
            java.util.regex.Pattern.compile(pattern);
            return pattern;
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new ConfigurationException(setting.key() + ": " + e.getMessage());
        }
    }

    private static AgentServer.Tls tls(Settings settings) {
        String cert = settings.get(Settings.TLS_CERT_FILE);
        if (cert.isEmpty()) {
            return null;
        }
        String key = settings.get(Settings.TLS_KEY_FILE);
        if (key.isEmpty()) {
            throw new ConfigurationException("tls.cert-file is set but tls.key-file is not");
        }
        String clientCa = settings.get(Settings.TLS_CLIENT_CA_FILE);
        return new AgentServer.Tls(new File(cert), new File(key), clientCa.isEmpty() ? null : new File(clientCa));
    }

    private static AgentServer.ConnectionLimits connectionLimits(Settings settings) {
        return new AgentServer.ConnectionLimits(
                (int) Math.min(Integer.MAX_VALUE, settings.get(Settings.GRPC_MAX_MESSAGE)),
                settings.get(Settings.GRPC_MAX_CALLS_PER_CONNECTION),
                settings.get(Settings.GRPC_MAX_CALL_DURATION).toMillis(),
                settings.get(Settings.GRPC_MAX_CONNECTION_IDLE).toMillis(),
                settings.get(Settings.GRPC_CALL_THREADS), settings.get(Settings.LIMIT_REQUEST_SIZE),
                settings.get(Settings.WAITING_REGISTRATIONS));
    }

    private static RequestLimits limits(Settings settings) {
        return new RequestLimits(settings.get(Settings.LIMIT_ITEMS),
                settings.get(Settings.LIMIT_NAME_LENGTH), settings.get(Settings.LIMIT_PROPERTY_LENGTH),
                settings.get(Settings.LIMIT_PROPERTIES));
    }

    public int grpcPort() {
        return agentServer.port();
    }

    public int httpPort() {
        return httpApi.port();
    }

    /**
     * The parts that buffer writes or run cluster jobs; tests drive them (flush now, run a purge) instead of waiting
     * for their schedules.
     */
    public Parts parts() {
        return new Parts(registry, meters, rollout, jobs);
    }

    public record Parts(ProcessRegistry registry, ContinuousMetrics meters, PolicyRollout policyRollout,
                        LeasedJobs jobs) {
    }

    /**
     * Stops taking requests, lets running calls finish, writes pending keep-alives and metric points, then closes
     * storage.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Shutting down");
        agentServer.close();
        httpApi.close();
        background.shutdown();
        Termination.awaitUpTo(Duration.ofSeconds(10), background::awaitTermination);
        jobs.close();
        try {
            int flushed = registry.flushPings();
            LOG.info("Wrote {} pending keep-alives", flushed);
        } catch (RuntimeException e) {
            LOG.error("Could not write pending keep-alives at shutdown", e);
        }
        try {
            rollout.flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not write the policy rollout at shutdown; agents' next polls tell it again", e);
        }
        try {
            int written = meters.flush();
            LOG.info("Wrote {} pending metric points", written);
        } catch (RuntimeException e) {
            LOG.error("Could not write pending metric points at shutdown; they are lost", e);
        }
        database.close();
        metrics.close();
        LOG.info("Stopped");
    }
}
