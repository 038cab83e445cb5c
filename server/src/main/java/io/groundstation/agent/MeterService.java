package io.groundstation.agent;

import io.groundstation.meter.ContinuousMetrics;
import io.groundstation.meter.IntakeCounts;
import io.groundstation.meter.MeterHeader;
import io.groundstation.meter.ReportedMeter;
import io.groundstation.metrics.WriteBehindMeters;
import io.groundstation.network.NetworkResults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.language.agent.v3.Label;
import org.apache.skywalking.apm.network.language.agent.v3.MeterData;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterHistogram;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.MeterSingleValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code skywalking.v3.MeterReportService}. The input set the header rule runs over is one collection in
 * {@code collectBatch} and the whole stream in {@code collect} (Meter.proto: "the whole stream is an input data set").
 */
final class MeterService extends MeterReportServiceGrpc.MeterReportServiceImplBase {

    private final ContinuousMetrics meters;
    private final NetworkResults network;
    private final NetworkTally networkTally;
    private final StreamTally tally;
    private final Meter.MeterProvider<Counter> values;
    private final Counter dropped;

    MeterService(ContinuousMetrics meters, NetworkResults network, NetworkTally networkTally, StreamTally tally,
                 MeterRegistry metrics) {
        this.meters = meters;
        this.network = network;
        this.networkTally = networkTally;
        this.tally = tally;
        this.values = Counter.builder("groundstation_meter_values")
                .description("Meter values received, by outcome: stored, ignored (not a continuous-profiling meter),"
                        + " invalid, overflowed (write buffer full).").withRegistry(metrics);
        this.dropped = WriteBehindMeters.dropped(metrics, WriteBehindMeters.METER_POINTS);
    }

    @Override
    public StreamObserver<MeterDataCollection> collectBatch(StreamObserver<Commands> out) {
        return new ClientStream<>("collectBatch", out, AgentCommands.none(), collection -> {
            tally.record(MeterReportServiceGrpc.SERVICE_NAME, collection);
            accept(collection.getMeterDataList().stream().map(MeterService::toReported).toList());
        }, () -> { });
    }

    @Override
    public StreamObserver<MeterData> collect(StreamObserver<Commands> out) {
        List<ReportedMeter> stream = new ArrayList<>();
        return new ClientStream<>("collect", out, AgentCommands.none(), data -> {
            tally.record(MeterReportServiceGrpc.SERVICE_NAME, data);
            stream.add(toReported(data));
        }, () -> accept(stream));
    }

    /** Continuous-profiling and network meters come mixed; each part takes its own and ignores the rest. */
    private void accept(List<ReportedMeter> inputSet) {
        count(meters.accept(inputSet));
        networkTally.record(NetworkTally.METERS, network.acceptMeters(inputSet));
    }

    private void count(IntakeCounts counts) {
        values.withTags("outcome", "stored").increment(counts.stored());
        values.withTags("outcome", "ignored").increment(counts.ignored());
        values.withTags("outcome", "invalid").increment(counts.invalid());
        values.withTags("outcome", "overflowed").increment(counts.overflowed());
        dropped.increment(counts.overflowed());
    }

    private static ReportedMeter toReported(MeterData data) {
        MeterHeader header = new MeterHeader(data.getService(), data.getServiceInstance(), data.getTimestamp());
        if (data.getMetricCase() == MeterData.MetricCase.HISTOGRAM) {
            MeterHistogram histogram = data.getHistogram();
            return ReportedMeter.histogram(header, histogram.getName(), labels(histogram.getLabelsList()),
                    histogram.getValuesList().stream().map(b -> new ReportedMeter.Bucket(b.getBucket(),
                            b.getIsNegativeInfinity(), b.getCount())).toList());
        }
        if (data.getMetricCase() != MeterData.MetricCase.SINGLEVALUE) {
            return ReportedMeter.other(header, "");
        }
        MeterSingleValue single = data.getSingleValue();
        return ReportedMeter.single(header, single.getName(), labels(single.getLabelsList()), single.getValue());
    }

    private static Map<String, String> labels(List<Label> labels) {
        Map<String, String> map = new HashMap<>();
        for (Label label : labels) {
            map.put(label.getName(), label.getValue());
        }
        return map;
    }
}
