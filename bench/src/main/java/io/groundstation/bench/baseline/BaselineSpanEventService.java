package io.groundstation.bench.baseline;

import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEvent;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEventReportServiceGrpc;

/** Drains the HTTP content and syscall events NETWORK tasks send. */
final class BaselineSpanEventService
        extends SpanAttachedEventReportServiceGrpc.SpanAttachedEventReportServiceImplBase {

    @Override
    public StreamObserver<SpanAttachedEvent> collect(StreamObserver<Commands> responseObserver) {
        return new DrainingStream<>(responseObserver);
    }
}
