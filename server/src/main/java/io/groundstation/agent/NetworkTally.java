package io.groundstation.agent;

import io.groundstation.network.IntakeOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** What became of the network results agents sent, per stream: what /metrics shows of them. */
final class NetworkTally {

    static final String METERS = "meters";
    static final String TRACES = "traces";
    static final String EVENTS = "events";

    private final Meter.MeterProvider<Counter> items;

    NetworkTally(MeterRegistry metrics) {
        this.items = Counter.builder("groundstation_network_items")
                .description("NETWORK task results received, by stream (meters, traces, events) and outcome: stored,"
                        + " unattributed (no NETWORK task held the process at that time: dropped), invalid (dropped),"
                        + " content_capped (event stored without content: its task reached"
                        + " network.content.max-per-task).").withRegistry(metrics);
    }

    void record(String stream, IntakeOutcome outcome) {
        items.withTags("stream", stream, "outcome", "stored").increment(outcome.stored());
        items.withTags("stream", stream, "outcome", "unattributed").increment(outcome.unattributed());
        items.withTags("stream", stream, "outcome", "invalid").increment(outcome.invalid());
        items.withTags("stream", stream, "outcome", "content_capped").increment(outcome.capped());
    }
}
