package io.groundstation.agent;

import io.groundstation.metrics.Counter;
import io.groundstation.metrics.Metrics;
import io.groundstation.network.IntakeOutcome;

/** What became of the network results agents sent, per stream: what /metrics shows of them. */
final class NetworkTally {

    static final String METERS = "meters";
    static final String TRACES = "traces";
    static final String EVENTS = "events";

    private final Counter items;

    NetworkTally(Metrics metrics) {
        this.items = metrics.counter("groundstation_network_items_total",
                "NETWORK task results received, by stream (meters, traces, events) and outcome: stored,"
                        + " unattributed (no NETWORK task held the process at that time: dropped), invalid (dropped),"
                        + " content_capped (event stored without content: its task reached"
                        + " network.content.max-per-task).", "stream", "outcome");
    }

    void record(String stream, IntakeOutcome outcome) {
        items.add(outcome.stored(), stream, "stored");
        items.add(outcome.unattributed(), stream, "unattributed");
        items.add(outcome.invalid(), stream, "invalid");
        items.add(outcome.capped(), stream, "content_capped");
    }
}
