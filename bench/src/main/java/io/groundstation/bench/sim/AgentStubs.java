package io.groundstation.bench.sim;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;

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
