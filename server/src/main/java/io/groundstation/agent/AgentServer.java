package io.groundstation.agent;

import io.groundstation.jobs.Termination;
import io.groundstation.meter.ContinuousMetrics;
import io.groundstation.network.NetworkResults;
import io.groundstation.policy.PolicyService;
import io.groundstation.profile.ProfileService;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.task.OnDemandPlanner;
import io.groundstation.task.TriggerGovernor;
import io.grpc.BindableService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import org.apache.skywalking.apm.network.ebpf.accesslog.v3.EBPFAccessLogDownstream;
import org.apache.skywalking.apm.network.ebpf.accesslog.v3.EBPFAccessLogServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** The agent port: every gRPC service Rover calls, behind the token check and per-method metrics. */
public final class AgentServer implements AutoCloseable {

    /** The services of the agent protocol, each translating protobuf to one part of the server. */
    public static List<BindableService> services(ProcessRegistry registry, PolicyService policies,
                                                 TriggerGovernor triggers, OnDemandPlanner onDemand,
                                                 ProfileService profiles, ContinuousMetrics meters,
                                                 NetworkResults network, RequestLimits limits,
                                                 MeterRegistry metrics) {
        StreamTally streams = new StreamTally(metrics);
        NetworkTally networkTally = new NetworkTally(metrics);
        return List.of(new ProcessRegistryService(registry, limits, metrics),
                new ContinuousProfilingRpc(policies, triggers, limits, metrics),
                new ProfilingRpc(onDemand, profiles, limits, metrics),
                new MeterService(meters, network, networkTally, streams, metrics),
                new SampledTraceService(network, networkTally, streams),
                new SpanEventService(network, networkTally, streams),
                new DrainService<>(EBPFAccessLogServiceGrpc.getCollectMethod(),
                        EBPFAccessLogDownstream.getDefaultInstance(), streams));
    }

    /** TLS for the agent port; {@code clientCaFile} null means TLS without client certificates. */
    public record Tls(File certFile, File keyFile, File clientCaFile) {
    }

    /** Calls whose reply waits for a write: a process registration or a triggered task. */
    private static final Set<String> REGISTRATIONS = Set.of(
            EBPFProcessServiceGrpc.getReportProcessesMethod().getFullMethodName(),
            ContinuousProfilingServiceGrpc.getReportProfilingTaskMethod().getFullMethodName());

    private final Server server;
    private final ScheduledExecutorService timer;
    private final List<ExecutorService> pools;

    private AgentServer(Server server, ScheduledExecutorService timer, List<ExecutorService> pools) {
        this.server = server;
        this.timer = timer;
        this.pools = pools;
    }

    /** Limits that keep one peer from starving the others. */
    public record ConnectionLimits(int maxMessageBytes, int maxConcurrentCallsPerConnection, long maxCallMillis,
                                   long maxConnectionIdleMillis, int callThreads, long maxUnaryRequestBytes,
                                   int maxWaitingRegistrations) {
    }

    public static AgentServer start(InetSocketAddress address, String agentToken, Tls tls, ConnectionLimits limits,
                                    MeterRegistry metrics, List<BindableService> services) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
                .maxInboundMessageSize(limits.maxMessageBytes())
                .maxConcurrentCallsPerConnection(limits.maxConcurrentCallsPerConnection())
                // Rover keeps one channel open and reconnects at once when it is closed.
                .maxConnectionIdle(limits.maxConnectionIdleMillis(), TimeUnit.MILLISECONDS)
                // Rover sets no client keep-alive; these only stop peers that ping abusively.
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addTransportFilter(AgentConnections.FILTER);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "grpc-call-time-limit");
            thread.setDaemon(true);
            return thread;
        });
        if (tls != null) {
            builder.sslContext(sslContext(tls));
        }
        // Calls answered from memory (MemoryAnswers) run on the transport's thread, as the no-storage baseline answers
        // every call. Other calls may wait for the database and run on bounded pools: with a thread per waiting call,
        // 10 000 agents on their own connections registering at once started thousands of threads and the node
        // stopped answering (BENCHMARKS.md). Registrations, polls and streams have a pool each, so a registration
        // storm does not hold up polls, nor uploads everything else.
        ThreadPoolExecutor registrations = pool("grpc-register", limits.callThreads(), metrics);
        ExecutorService polls = pool("grpc-poll", limits.callThreads(), metrics);
        ExecutorService streams = pool("grpc-stream", limits.callThreads(), metrics);
        RegistrationShedding shedding = new RegistrationShedding(REGISTRATIONS, () -> registrations.getQueue().size(),
                RegistrationShedding.limit(limits.maxWaitingRegistrations(), DirectMemory.maxBytes()));
        Map<String, BooleanSupplier> fromMemory = new HashMap<>();
        for (BindableService service : services) {
            if (service instanceof MemoryAnswers answers) {
                fromMemory.putAll(answers.answeredFromMemory());
            }
        }
        List<ServerServiceDefinition> definitions = services.stream().map(BindableService::bindService).toList();
        // Chosen once per method, not per call; null is the transport's thread (the server's direct executor).
        Map<String, Executor> executors = new HashMap<>();
        for (ServerServiceDefinition definition : definitions) {
            for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
                MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
                Executor pool = descriptor.getType() != MethodDescriptor.MethodType.UNARY ? streams
                        : REGISTRATIONS.contains(descriptor.getFullMethodName()) ? registrations : polls;
                executors.put(descriptor.getFullMethodName(),
                        executor(fromMemory.get(descriptor.getFullMethodName()), pool));
            }
        }
        builder.directExecutor().callExecutor(new ServerCallExecutorSupplier() {
            @Override
            public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
                String method = call.getMethodDescriptor().getFullMethodName();
                // A refused call runs on the transport's thread: it is answered at once and never queues.
                return shedding.refuseOnArrival(method, headers) ? null : executors.getOrDefault(method, polls);
            }
        });
        List<ServerInterceptor> interceptors = new ArrayList<>();
        if (!agentToken.isEmpty()) {
            interceptors.add(new AgentTokenInterceptor(agentToken));
        }
        interceptors.add(new CallTimeLimit(limits.maxCallMillis(), timer));
        interceptors.add(AgentConnections.INTERCEPTOR);
        interceptors.add(shedding);
        // Added last so it runs first: refused calls are counted too.
        interceptors.add(new RpcMetricsInterceptor(metrics));
        for (ServerServiceDefinition definition : definitions) {
            builder.addService(ServerInterceptors.intercept(
                    RequestGuard.guard(definition, limits.maxUnaryRequestBytes()), interceptors));
        }
        try {
            return new AgentServer(builder.build().start(), timer, List.of(registrations, polls, streams));
        } catch (IOException e) {
            timer.shutdownNow();
            List.of(registrations, polls, streams).forEach(ExecutorService::shutdownNow);
            throw new UncheckedIOException("cannot listen for agents on " + address, e);
        }
    }

    /**
     * Where a method's calls run: on the transport's thread (null) when always answered from memory, on {@code pool}
     * when never, and otherwise on whichever the condition says before each step.
     */
    private static Executor executor(BooleanSupplier fromMemory, Executor pool) {
        if (fromMemory == MemoryAnswers.ALWAYS) {
            return null;
        }
        if (fromMemory == null) {
            return pool;
        }
        return task -> {
            if (fromMemory.getAsBoolean()) {
                task.run();
            } else {
                pool.execute(task);
            }
        };
    }

    /** Its threads, queue and completed calls are on /metrics as {@code executor_*{name="..."}}. */
    private static ThreadPoolExecutor pool(String name, int threads, MeterRegistry metrics) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        new ExecutorServiceMetrics(pool, name, Tags.empty()).bindTo(metrics);
        return pool;
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(Tls tls) {
        try {
            SslContextBuilder ssl = GrpcSslContexts.forServer(tls.certFile(), tls.keyFile());
            if (tls.clientCaFile() != null) {
                ssl.trustManager(tls.clientCaFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return ssl.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load TLS files: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Stops taking calls and lets running ones finish (up to the grace period). */
    @Override
    public void close() {
        server.shutdown();
        if (!Termination.awaitUpTo(Duration.ofSeconds(10), server::awaitTermination)) {
            server.shutdownNow();
        }
        timer.shutdownNow();
        pools.forEach(ExecutorService::shutdownNow);
    }
}
