package io.groundstation.agent;

import io.groundstation.network.NetworkResults;
import io.groundstation.network.ReportedEvent;
import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.Instant;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEvent;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEventReportServiceGrpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code skywalking.v3.SpanAttachedEventReportService}: the HTTP content and syscall events of sampled traces
 * (protocol.md §8), handed to {@link NetworkResults} in chunks, so a stream of large bodies is not all held.
 */
final class SpanEventService extends SpanAttachedEventReportServiceGrpc.SpanAttachedEventReportServiceImplBase {

    /** Events and bytes held before they are handed on: a stream of whole bodies is never all in memory. */
    private static final int CHUNK = 32;
    private static final long CHUNK_BYTES = 8L * 1024 * 1024;

    private final NetworkResults network;
    private final NetworkTally networkTally;
    private final StreamTally tally;

    SpanEventService(NetworkResults network, NetworkTally networkTally, StreamTally tally) {
        this.network = network;
        this.networkTally = networkTally;
        this.tally = tally;
    }

    @Override
    public StreamObserver<SpanAttachedEvent> collect(StreamObserver<Commands> out) {
        List<ReportedEvent> pending = new ArrayList<>();
        long[] pendingBytes = new long[1];
        Runnable hand = () -> {
            if (!pending.isEmpty()) {
                networkTally.record(NetworkTally.EVENTS, network.acceptEvents(List.copyOf(pending)));
                pending.clear();
                pendingBytes[0] = 0;
            }
        };
        return new ClientStream<>("collect", out, AgentCommands.none(), event -> {
            tally.record(SpanAttachedEventReportServiceGrpc.SERVICE_NAME, event);
            pending.add(toReported(event));
            pendingBytes[0] += event.getSerializedSize();
            if (pending.size() >= CHUNK || pendingBytes[0] >= CHUNK_BYTES) {
                hand.run();
            }
        }, hand);
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
