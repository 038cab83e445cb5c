package io.groundstation.network;

import io.groundstation.meter.InputSet;
import io.groundstation.meter.MeterHeader;
import io.groundstation.meter.ReportedMeter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules that turn the {@code rover_net_p_*} meters of one collection into sums per task, link and slice
 * (protocol.md §8): only the first element carries service, instance and timestamp; values are deltas, summed;
 * {@code *_avg} and {@code *_exe_time_counter} are means over the flush, weighted by the count of the same flush
 * and link they were taken over ({@code <role>_<op>_counts_counter} for {@code <role>_<op>_exe_time_counter},
 * {@code http1_request_counter} for the HTTP means; 1 when the collection has no such count); histogram buckets
 * come in any order and are merged by bucket.
 */
final class NetworkMeterIntake {

    /** The sums of one collection, and what became of its elements. */
    record Reading(MeterBatch batch, int stored, int unattributed, int invalid, int ignored) {
    }

    /** Stands for the negative-infinity bucket, which databases store unevenly. */
    static final double NEGATIVE_INFINITY_BUCKET = -Double.MAX_VALUE;

    /** Process ids are hex SHA-256 (registry/Ids): longer ones are no process of ours. */
    static final int MAX_ID_LENGTH = 64;

    private static final String EXE_TIME = "_exe_time_counter";
    private static final String COUNTS = "_counts_counter";
    private static final String HTTP_REQUESTS = "http1_request_counter";

    private record Parsed(ReportedMeter meter, MeterHeader header, Link link, String name, String code) {
    }

    private record WeightKey(Link link, long timestamp, String meter) {
    }

    private final NetworkLimits limits;
    private final NetworkAttribution attribution;

    NetworkMeterIntake(NetworkLimits limits, NetworkAttribution attribution) {
        this.limits = limits;
        this.attribution = attribution;
    }

    Reading read(List<ReportedMeter> collection) {
        InputSet.Read<Parsed> read = InputSet.read(collection, this::wanted, this::parse);
        Map<WeightKey, Double> counts = counts(read.elements());
        Map<MeterKey, MeterTotal> values = new HashMap<>();
        Map<BucketKey, Long> buckets = new HashMap<>();
        long sliceMillis = limits.slice().toMillis();
        int stored = 0;
        int unattributed = 0;
        for (Parsed element : read.elements()) {
            long time = element.header().timestamp();
            List<String> tasks = attribution.tasksHolding(element.header().service(), element.header().instance(),
                    element.link().processId(), time);
            if (tasks.isEmpty()) {
                unattributed++;
                continue;
            }
            stored++;
            long slice = Math.floorDiv(time, sliceMillis) * sliceMillis;
            ReportedMeter meter = element.meter();
            // what the element adds is the same for every task holding it: worked out once
            if (meter.singleValue()) {
                MeterTotal total = weightMeter(element.name()) == null ? new MeterTotal(meter.value(), 0)
                        : weighted(meter.value(), counts.get(new WeightKey(element.link(), time,
                                weightMeter(element.name()))));
                for (String task : tasks) {
                    values.merge(new MeterKey(task, element.link(), slice, element.name(), element.code()), total,
                            MeterTotal::plus);
                }
            } else {
                Map<Double, Long> kept = kept(meter.buckets());
                for (String task : tasks) {
                    kept.forEach((bound, hits) -> buckets.merge(
                            new BucketKey(task, element.link(), slice, element.name(), bound), hits, Long::sum));
                }
            }
        }
        return new Reading(new MeterBatch(values, buckets), stored, unattributed, read.invalid(), read.ignored());
    }

    /**
     * The buckets of one reported histogram worth a row, by lower bound: those with hits, and the one right after
     * each of them, whose lower bound is their upper bound (what a percentile answers). Rover reports every bucket of
     * its layout each flush, mostly empty: in a soak 74 % of stored bucket rows had no hits. Merged over flushes, the
     * rows kept give the same counts and the same percentiles as all of them (TopologyBuilder.percentile).
     */
    static Map<Double, Long> kept(List<ReportedMeter.Bucket> reported) {
        TreeMap<Double, Long> layout = new TreeMap<>();
        for (ReportedMeter.Bucket bucket : reported) {
            layout.merge(bucket.negativeInfinity() ? NEGATIVE_INFINITY_BUCKET : bucket.lowerBound(), bucket.count(),
                    Long::sum);
        }
        Map<Double, Long> kept = new HashMap<>();
        boolean previousHit = false;
        for (Map.Entry<Double, Long> bucket : layout.entrySet()) {
            if (bucket.getValue() > 0 || previousHit) {
                kept.put(bucket.getKey(), bucket.getValue());
            }
            previousHit = bucket.getValue() > 0;
        }
        return kept;
    }

    private boolean wanted(ReportedMeter meter) {
        return meter.name().startsWith(limits.meterPrefix()) && (meter.singleValue() || meter.histogram());
    }

    /** The counts the collection's means are weighted by, summed by link, time and count meter. */
    private static Map<WeightKey, Double> counts(List<Parsed> parsed) {
        Map<WeightKey, Double> counts = new HashMap<>();
        for (Parsed element : parsed) {
            if (element.meter().singleValue() && isCount(element.name())) {
                counts.merge(new WeightKey(element.link(), element.header().timestamp(), element.name()),
                        element.meter().value(), Double::sum);
            }
        }
        return counts;
    }

    private static MeterTotal weighted(double mean, Double count) {
        double weight = count == null ? 1 : Math.max(0, count);
        return new MeterTotal(mean * weight, weight);
    }

    private static boolean isCount(String name) {
        return name.endsWith(COUNTS) || name.equals(HTTP_REQUESTS);
    }

    /** The count a mean meter is weighted by; null for meters that are not means. */
    static String weightMeter(String name) {
        if (name.endsWith(EXE_TIME)) {
            return name.substring(0, name.length() - EXE_TIME.length()) + COUNTS;
        }
        if (name.endsWith("_avg")) {
            return HTTP_REQUESTS;
        }
        return null;
    }

    /** The element's link and name, or null when it cannot be stored as the protocol describes it. */
    private Parsed parse(ReportedMeter meter, MeterHeader header) {
        if (!header.complete()) {
            return null;
        }
        Map<String, String> labels = meter.labels();
        String side = labels.getOrDefault("side", "");
        if (!side.equals("client") && !side.equals("server")) {
            return null;
        }
        String peerRole = side.equals("client") ? "server" : "client";
        String processId = labels.getOrDefault(side + "_process_id", "");
        Peer peer = peer(labels, peerRole);
        String protocol = labels.getOrDefault("protocol", "unknown");
        String ssl = labels.getOrDefault("is_ssl", "false");
        String code = labels.getOrDefault("code", "");
        String name = meter.name().substring(limits.meterPrefix().length());
        if (processId.isEmpty() || processId.length() > MAX_ID_LENGTH || peer == null || protocol.isEmpty() || !(ssl.equals("true") || ssl.equals("false"))
                || name.isEmpty() || tooLong(processId, peer.value(), protocol, code, name) || !valid(meter)) {
            return null;
        }
        return new Parsed(meter, header, new Link(processId, peer, side, protocol, ssl.equals("true")), name, code);
    }

    /** Exactly one of {@code <role>_process_id}, {@code <role>_local = true}, {@code <role>_address}. */
    private static Peer peer(Map<String, String> labels, String role) {
        String process = labels.getOrDefault(role + "_process_id", "");
        boolean local = "true".equals(labels.get(role + "_local"));
        String address = labels.getOrDefault(role + "_address", "");
        int given = (process.isEmpty() ? 0 : 1) + (local ? 1 : 0) + (address.isEmpty() ? 0 : 1);
        if (given != 1) {
            return null;
        }
        return !process.isEmpty() ? new Peer(Peer.Kind.PROCESS, process)
                : local ? Peer.LOCAL : new Peer(Peer.Kind.ADDRESS, address);
    }

    /** Too long, or holding NUL, which PostgreSQL cannot store in text. */
    private boolean tooLong(String... texts) {
        for (String text : texts) {
            if (text.length() > limits.maxTextLength() || text.indexOf('\0') >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean valid(ReportedMeter meter) {
        if (meter.singleValue()) {
            return Double.isFinite(meter.value());
        }
        for (ReportedMeter.Bucket bucket : meter.buckets()) {
            if (bucket.count() < 0 || (!bucket.negativeInfinity() && !Double.isFinite(bucket.lowerBound()))) {
                return false;
            }
        }
        return true;
    }
}
