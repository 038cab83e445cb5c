package io.groundstation.agent;

import com.google.protobuf.MessageLite;
import io.groundstation.metrics.Counter;
import io.groundstation.metrics.Metrics;

/** Messages and bytes received on the agents' client streams, per gRPC service: what /metrics shows of them. */
final class StreamTally {

    private final Counter messages;
    private final Counter bytes;

    StreamTally(Metrics metrics) {
        this.messages = metrics.counter("groundstation_agent_stream_messages_total",
                "Messages received on agent client streams, by gRPC service.", "service");
        this.bytes = metrics.counter("groundstation_agent_stream_bytes_total",
                "Serialized bytes received on agent client streams, by gRPC service.", "service");
    }

    void record(String service, MessageLite message) {
        messages.inc(service);
        bytes.add(message.getSerializedSize(), service);
    }
}
