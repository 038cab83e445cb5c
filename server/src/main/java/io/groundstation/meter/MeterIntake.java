package io.groundstation.meter;

import io.groundstation.registry.Ids;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that turn the meters of one input set (one {@code MeterDataCollection}, or one whole {@code collect}
 * stream) into points attached to processes. Meters carry no process id: the point goes to
 * {@code Ids.processId(service, instance, process_name label)}, which several processes may share.
 */
final class MeterIntake {

    static final String PROCESS_NAME_LABEL = "process_name";
    static final String URI_LABEL = "uri";

    private record SameInstant(String processId, ContinuousMetric metric, String uri, long timestamp) {
    }

    /** Each metric by its full meter name: asked twice per meter (is it wanted, which is it), so one hash lookup. */
    private final Map<String, ContinuousMetric> metricsByName = new HashMap<>();
    private final int maxUriLength;

    MeterIntake(String prefix, int maxUriLength) {
        for (ContinuousMetric metric : ContinuousMetric.values()) {
            metricsByName.put(prefix + metric.key(), metric);
        }
        this.maxUriLength = maxUriLength;
    }

    /** The points of one input set, numbered among those of the same process, metric, URI and time. */
    InputSet.Read<MeterPoint> read(List<ReportedMeter> inputSet) {
        Map<SameInstant, Integer> seen = new HashMap<>();
        return InputSet.read(inputSet, this::wanted, (meter, header) -> point(meter, header, seen));
    }

    private boolean wanted(ReportedMeter meter) {
        return meter.singleValue() && metricsByName.containsKey(meter.name());
    }

    /** The point of a wanted meter, or null when it is invalid. */
    private MeterPoint point(ReportedMeter meter, MeterHeader header, Map<SameInstant, Integer> seen) {
        ContinuousMetric metric = metricsByName.get(meter.name());
        String processName = meter.labels().getOrDefault(PROCESS_NAME_LABEL, "");
        String uri = metric.perUri() ? meter.labels().getOrDefault(URI_LABEL, "") : "";
        if (!header.complete() || processName.isEmpty() || uri.length() > maxUriLength
                || !Double.isFinite(meter.value())) {
            return null;
        }
        String processId = Ids.processId(header.service(), header.instance(), processName);
        int seq = seen.merge(new SameInstant(processId, metric, uri, header.timestamp()), 1, Integer::sum) - 1;
        return new MeterPoint(processId, metric, uri, header.timestamp(), seq, meter.value());
    }
}
