package io.groundstation.agent;

import io.groundstation.network.NetworkResults;
import io.groundstation.network.ReportedEvent;
import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.Instant;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEvent;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEventReportServiceGrpc;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code skywalking.v3.SpanAttachedEventReportService}: the HTTP content and syscall events of sampled traces
 * (protocol.md §8), handed to {@link NetworkResults} in chunks, so a stream of large bodies is not all held.
 */
final class SpanEventService extends SpanAttachedEventReportServiceGrpc.SpanAttachedEventReportServiceImplBase {

    private final NetworkResultStream<SpanAttachedEvent, ReportedEvent> events;

    SpanEventService(NetworkResults network, NetworkTally networkTally, StreamTally tally) {
        this.events = new NetworkResultStream<>(SpanAttachedEventReportServiceGrpc.SERVICE_NAME, NetworkTally.EVENTS,
                event -> true, SpanEventService::toReported, network::acceptEvents, networkTally, tally);
    }

    @Override
    public StreamObserver<SpanAttachedEvent> collect(StreamObserver<Commands> out) {
        return events.open(out);
    }

    private static ReportedEvent toReported(SpanAttachedEvent event) {
        Map<String, String> tags = new HashMap<>();
        for (KeyStringValuePair tag : event.getTagsList()) {
            tags.put(tag.getKey(), tag.getValue());
        }
        SpanAttachedEvent.SpanReference trace = event.getTraceContext();
        return new ReportedEvent(event.getEvent(), millis(event.getStartTime()), millis(event.getEndTime()), tags,
                trace.getTraceId(), trace.getTraceSegmentId(), trace.getSpanId());
    }

    /** Epoch ms; -1 for an instant no epoch-ms long holds (the event is then refused as invalid). */
    private static long millis(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getSeconds(), 1000L), instant.getNanos() / 1_000_000);
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
