package io.groundstation.meter;

import io.groundstation.registry.Ids;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules that turn the meters of one input set (one {@code MeterDataCollection}, or one whole {@code collect}
 * stream) into points attached to processes. Meters carry no process id: the point goes to
 * {@code Ids.processId(service, instance, process_name label)}, which several processes may share.
 */
final class MeterIntake {

    static final String PROCESS_NAME_LABEL = "process_name";
    static final String URI_LABEL = "uri";

    /** The points of one input set, and how many of its meters were not turned into points. */
    record Reading(List<MeterPoint> points, int ignored, int invalid) {
    }

    private record SameInstant(String processId, ContinuousMetric metric, String uri, long timestamp) {
    }

    private final String prefix;
    private final int maxUriLength;

    MeterIntake(String prefix, int maxUriLength) {
        this.prefix = prefix;
        this.maxUriLength = maxUriLength;
    }

    Reading read(List<ReportedMeter> inputSet) {
        List<MeterPoint> points = new ArrayList<>(inputSet.size());
        Map<SameInstant, Integer> seen = new HashMap<>();
        int ignored = 0;
        int invalid = 0;
        HeaderChain chain = new HeaderChain();
        for (ReportedMeter meter : inputSet) {
            MeterHeader header = chain.next(meter);
            Optional<ContinuousMetric> metric = meter.singleValue() ? metricNamed(meter.name()) : Optional.empty();
            if (metric.isEmpty()) {
                ignored++;
                continue;
            }
            String processName = meter.labels().getOrDefault(PROCESS_NAME_LABEL, "");
            String uri = metric.get().perUri() ? meter.labels().getOrDefault(URI_LABEL, "") : "";
            if (!header.complete() || processName.isEmpty() || uri.length() > maxUriLength
                    || !Double.isFinite(meter.value())) {
                invalid++;
                continue;
            }
            String processId = Ids.processId(header.service(), header.instance(), processName);
            int seq = seen.merge(new SameInstant(processId, metric.get(), uri, header.timestamp()), 1, Integer::sum)
                    - 1;
            points.add(new MeterPoint(processId, metric.get(), uri, header.timestamp(), seq, meter.value()));
        }
        return new Reading(points, ignored, invalid);
    }

    private Optional<ContinuousMetric> metricNamed(String name) {
        return name.startsWith(prefix) ? ContinuousMetric.ofKey(name.substring(prefix.length())) : Optional.empty();
    }
}
