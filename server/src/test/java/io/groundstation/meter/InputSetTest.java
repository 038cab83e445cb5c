package io.groundstation.meter;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InputSetTest {

    private static final MeterHeader FULL = new MeterHeader("shop", "pod-1", 1_000);

    @Test
    void eachWantedMeterIsReadWithTheHeaderOfTheChainSoFarInTheOrderSent() {
        InputSet.Read<String> read = InputSet.read(List.of(
                meter(FULL, "a"),
                meter(MeterHeader.NONE, "b"),
                meter(new MeterHeader("", "pod-2", 2_000), "c")), meter -> true, InputSetTest::describe);

        assertThat(read.elements()).containsExactly("a shop/pod-1@1000", "b shop/pod-1@1000", "c shop/pod-2@2000");
        assertThat(read.ignored()).isZero();
        assertThat(read.invalid()).isZero();
    }

    @Test
    void metersNotWantedAreIgnoredThoseTheReaderCannotReadInvalidAndBothStillPassTheirHeaderOn() {
        InputSet.Read<String> read = InputSet.read(List.of(
                meter(FULL, "other"),
                meter(new MeterHeader("", "pod-2", 0), "bad"),
                meter(MeterHeader.NONE, "a"),
                meter(new MeterHeader("", "", 2_000), "other"),
                meter(MeterHeader.NONE, "b")), meter -> !meter.name().equals("other"),
                (meter, header) -> meter.name().equals("bad") ? null : describe(meter, header));

        assertThat(read.elements()).containsExactly("a shop/pod-2@1000", "b shop/pod-2@2000");
        assertThat(read.ignored()).isEqualTo(2);
        assertThat(read.invalid()).isEqualTo(1);
    }

    private static ReportedMeter meter(MeterHeader header, String name) {
        return ReportedMeter.single(header, name, Map.of(), 1);
    }

    private static String describe(ReportedMeter meter, MeterHeader header) {
        return meter.name() + " " + header.service() + "/" + header.instance() + "@" + header.timestamp();
    }
}
