package io.groundstation.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.groundstation.meter.ReportedMeter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeptBucketsTest {

    private static final double[] LAYOUT = {0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000};

    @Test
    void keepsBucketsWithHitsAndTheOneAfterEach() {
        List<ReportedMeter.Bucket> reported = List.of(
                new ReportedMeter.Bucket(0, true, 0), bucket(0, 0), bucket(1, 3), bucket(2, 0), bucket(5, 0),
                bucket(10, 1), bucket(25, 0), bucket(50, 0), bucket(100, 2));

        assertThat(NetworkMeterIntake.kept(reported)).containsOnly(
                Map.entry(1.0, 3L), Map.entry(2.0, 0L), Map.entry(10.0, 1L), Map.entry(25.0, 0L),
                Map.entry(100.0, 2L));
    }

    @Test
    void anEmptyHistogramNeedsNoRow() {
        assertThat(NetworkMeterIntake.kept(List.of(bucket(0, 0), bucket(1, 0)))).isEmpty();
    }

    @Test
    void mergedOverFlushesTheKeptRowsAnswerEveryPercentileAsAllRowsDo() {
        Random random = new Random(11);
        for (int run = 0; run < 200; run++) {
            Map<Double, Long> all = new HashMap<>();
            Map<Double, Long> kept = new HashMap<>();
            for (int flush = 0; flush < 1 + random.nextInt(6); flush++) {
                List<ReportedMeter.Bucket> reported = new ArrayList<>();
                for (double bound : LAYOUT) {
                    long hits = random.nextInt(4) == 0 ? random.nextInt(20) : 0;
                    reported.add(bucket(bound, hits));
                    all.merge(bound, hits, Long::sum);
                }
                NetworkMeterIntake.kept(reported).forEach((bound, hits) -> kept.merge(bound, hits, Long::sum));
            }
            for (double q : new double[] {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1.0}) {
                assertThat(TopologyBuilder.percentile(kept, q)).as("q %s of %s", q, all)
                        .isEqualTo(TopologyBuilder.percentile(all, q));
            }
        }
    }

    private static ReportedMeter.Bucket bucket(double lowerBound, long hits) {
        return new ReportedMeter.Bucket(lowerBound, false, hits);
    }
}
