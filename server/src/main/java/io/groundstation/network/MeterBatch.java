package io.groundstation.network;

import java.util.Map;

/** The network meters of one report, summed per key, ready to be added to what is stored. */
public record MeterBatch(Map<MeterKey, MeterTotal> values, Map<BucketKey, Long> buckets) {

    public MeterBatch {
        values = Map.copyOf(values);
        buckets = Map.copyOf(buckets);
    }

    public boolean isEmpty() {
        return values.isEmpty() && buckets.isEmpty();
    }
}
