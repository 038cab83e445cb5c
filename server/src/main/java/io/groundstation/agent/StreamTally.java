package io.groundstation.agent;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** Messages and bytes received on the agents' client streams, per gRPC service: what /metrics shows of them. */
final class StreamTally {

    private final Meter.MeterProvider<Counter> messages;
    private final Meter.MeterProvider<Counter> bytes;

    StreamTally(MeterRegistry metrics) {
        this.messages = Counter.builder("groundstation_agent_stream_messages")
                .description("Messages received on agent client streams, by gRPC service.").withRegistry(metrics);
        this.bytes = Counter.builder("groundstation_agent_stream_bytes")
                .description("Serialized bytes received on agent client streams, by gRPC service.")
                .withRegistry(metrics);
    }

    void record(String service, MessageLite message) {
        messages.withTags("service", service).increment();
        bytes.withTags("service", service).increment(message.getSerializedSize());
    }
}
