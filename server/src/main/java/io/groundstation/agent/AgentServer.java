package io.groundstation.agent;

import io.groundstation.meter.ContinuousMetrics;
import io.groundstation.metrics.Metrics;
import io.groundstation.registry.ProcessRegistry;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import org.apache.skywalking.apm.network.ebpf.accesslog.v3.EBPFAccessLogDownstream;
import org.apache.skywalking.apm.network.ebpf.accesslog.v3.EBPFAccessLogServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEventReportServiceGrpc;
import org.apache.skywalking.apm.network.logging.v3.LogReportServiceGrpc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The agent port: every gRPC service Rover calls, behind the token check and per-method metrics. */
public final class AgentServer implements AutoCloseable {

    /** The services of the agent protocol, each translating protobuf to one part of the server. */
    public static List<BindableService> services(ProcessRegistry registry, ContinuousMetrics meters,
                                                 RequestLimits limits, Metrics metrics) {
        StreamTally streams = new StreamTally(metrics);
        return List.of(new ProcessRegistryService(registry, limits, metrics),
                new MeterService(meters, streams, metrics),
                new DrainService<>(LogReportServiceGrpc.getCollectMethod(), AgentCommands.none(), streams),
                new DrainService<>(SpanAttachedEventReportServiceGrpc.getCollectMethod(), AgentCommands.none(),
                        streams),
                new DrainService<>(EBPFAccessLogServiceGrpc.getCollectMethod(),
                        EBPFAccessLogDownstream.getDefaultInstance(), streams));
    }

    /** TLS for the agent port; {@code clientCaFile} null means TLS without client certificates. */
    public record Tls(File certFile, File keyFile, File clientCaFile) {
    }

    private final Server server;

    private AgentServer(Server server) {
        this.server = server;
    }

    public static AgentServer start(InetSocketAddress address, String agentToken, Tls tls, int maxMessageBytes,
                                    Metrics metrics, List<BindableService> services) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
                .maxInboundMessageSize(maxMessageBytes)
                // Rover sets no client keep-alive; these only stop peers that ping abusively.
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true);
        if (tls != null) {
            builder.sslContext(sslContext(tls));
        }
        List<ServerInterceptor> interceptors = new ArrayList<>();
        if (!agentToken.isEmpty()) {
            interceptors.add(new AgentTokenInterceptor(agentToken));
        }
        // Added last so it runs first: refused calls are counted too.
        interceptors.add(new RpcMetricsInterceptor(metrics));
        for (BindableService service : services) {
            builder.addService(ServerInterceptors.intercept(service, interceptors));
        }
        try {
            return new AgentServer(builder.build().start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for agents on " + address, e);
        }
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
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
