package io.groundstation.bench.sim;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEventReportServiceGrpc;
import org.apache.skywalking.apm.network.logging.v3.LogReportServiceGrpc;

/**
 * The async stubs of one channel, shared by several agents or one agent's own, with Rover's optional
 * {@code authentication} metadata attached.
 */
final class AgentStubs {

    private static final Metadata.Key<String> AUTHENTICATION =
            Metadata.Key.of("authentication", Metadata.ASCII_STRING_MARSHALLER);

    final EBPFProcessServiceGrpc.EBPFProcessServiceStub processes;
    final ContinuousProfilingServiceGrpc.ContinuousProfilingServiceStub continuous;
    final EBPFProfilingServiceGrpc.EBPFProfilingServiceStub profiling;
    final MeterReportServiceGrpc.MeterReportServiceStub meters;
    final LogReportServiceGrpc.LogReportServiceStub logs;
    final SpanAttachedEventReportServiceGrpc.SpanAttachedEventReportServiceStub spanEvents;
    private final ManagedChannel channel;
    private final boolean ownedByOneAgent;

    /** @param token the {@code authentication} value, or {@code null} to send none */
    AgentStubs(ManagedChannel channel, boolean ownedByOneAgent, String token) {
        this.channel = channel;
        this.ownedByOneAgent = ownedByOneAgent;
        ClientInterceptor[] interceptors = token == null ? new ClientInterceptor[0]
                : new ClientInterceptor[]{MetadataUtils.newAttachHeadersInterceptor(authentication(token))};
        processes = EBPFProcessServiceGrpc.newStub(channel).withInterceptors(interceptors);
        continuous = ContinuousProfilingServiceGrpc.newStub(channel).withInterceptors(interceptors);
        profiling = EBPFProfilingServiceGrpc.newStub(channel).withInterceptors(interceptors);
        meters = MeterReportServiceGrpc.newStub(channel).withInterceptors(interceptors);
        logs = LogReportServiceGrpc.newStub(channel).withInterceptors(interceptors);
        spanEvents = SpanAttachedEventReportServiceGrpc.newStub(channel).withInterceptors(interceptors);
    }

    /** A restarted Rover is a new process with a new connection; a shared channel stays as it is. */
    void reconnectIfOwned() {
        if (ownedByOneAgent) {
            // New calls open a new connection; calls of the old agent still in flight finish on the old one.
            channel.enterIdle();
        }
    }

    private static Metadata authentication(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHENTICATION, token);
        return headers;
    }
}
