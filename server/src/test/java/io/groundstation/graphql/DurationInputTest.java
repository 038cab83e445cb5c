package io.groundstation.graphql;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationInputTest {

    private static long at(String text, ZoneId zone) {
        return ZonedDateTime.parse(text).withZoneSameLocal(zone).toInstant().toEpochMilli();
    }

    @Test
    void everyStepIsReadInTheServersZoneWithItsEndInclusive() {
        ZoneId utc = ZoneOffset.UTC;
        assertThat(DurationInput.of(Map.of("start", "2026-12-01 2130", "end", "2026-12-01 2200", "step", "MINUTE",
                "coldStage", true), utc)).isEqualTo(new DurationInput(at("2026-12-01T21:30:00Z", utc),
                at("2026-12-01T22:01:00Z", utc)));
        assertThat(DurationInput.of(Map.of("start", "2026-12-01 213005", "end", "2026-12-01 213005",
                "step", "SECOND"), utc).toMillis()).isEqualTo(at("2026-12-01T21:30:06Z", utc));
        assertThat(DurationInput.of(Map.of("start", "2026-12-01 21", "end", "2026-12-01 21", "step", "HOUR"), utc))
                .isEqualTo(new DurationInput(at("2026-12-01T21:00:00Z", utc), at("2026-12-01T22:00:00Z", utc)));
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(DurationInput.of(Map.of("start", "2026-12-01", "end", "2026-12-02", "step", "DAY"), shanghai))
                .isEqualTo(new DurationInput(at("2026-12-01T00:00:00Z", shanghai),
                        at("2026-12-03T00:00:00Z", shanghai)));
        assertThat(DurationInput.of(null, utc)).isNull();
    }

    @Test
    void aTimeNotWrittenInItsStepsFormatIsNamed() {
        assertThatThrownBy(() -> DurationInput.of(Map.of("start", "2026-12-01 21:30", "end", "2026-12-01 2200",
                "step", "MINUTE"), ZoneOffset.UTC)).isInstanceOf(QueryProblem.class)
                .hasMessageContaining("duration.start").hasMessageContaining("yyyy-MM-dd HHmm");
        assertThatThrownBy(() -> DurationInput.of(Map.of("start", "2026-12-02", "end", "2026-12-01", "step", "DAY"),
                ZoneOffset.UTC)).hasMessageContaining("end is before start");
    }
}
