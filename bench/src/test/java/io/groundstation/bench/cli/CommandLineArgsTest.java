package io.groundstation.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groundstation.bench.sim.SimulatorOptions;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineArgsTest {

    @Test
    void readsBothOptionFormsAndFlags() {
        CommandLineArgs args = CommandLineArgs.parse(new String[]{"--agents", "7", "--time-scale=0.5", "--help"},
                Set.of("help"));

        assertThat(args.integer("agents", 1, 1, 10)).isEqualTo(7);
        assertThat(args.decimal("time-scale", 1, 0, 1)).isEqualTo(0.5);
        assertThat(args.flag("help")).isTrue();
        assertThat(args.string("token", null)).isNull();
        args.rejectUnknown();
    }

    @Test
    void refusesTyposOutOfRangeValuesAndRepeats() {
        CommandLineArgs typo = CommandLineArgs.parse(new String[]{"--agnets", "7"}, Set.of());
        typo.integer("agents", 1, 1, 10);
        assertThatThrownBy(typo::rejectUnknown).hasMessageContaining("--agnets");

        assertThatThrownBy(() -> CommandLineArgs.parse(new String[]{"--agents", "70"}, Set.of())
                .integer("agents", 1, 1, 10)).hasMessageContaining("within");
        assertThatThrownBy(() -> CommandLineArgs.parse(new String[]{"--a", "1", "--a", "2"}, Set.of()))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> CommandLineArgs.parse(new String[]{"--agents"}, Set.of()))
                .hasMessageContaining("needs a value");
    }

    @Test
    void targetsOnlyLoopback() {
        assertThat(LoopbackAddress.parse("127.0.0.1:11800").getPort()).isEqualTo(11800);
        assertThat(LoopbackAddress.parse("localhost:1").getAddress().isLoopbackAddress()).isTrue();
        assertThat(LoopbackAddress.parse("[::1]:2").getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> LoopbackAddress.parse("10.0.0.1:11800")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> LoopbackAddress.parse("192.168.1.20:11800")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> LoopbackAddress.parse("127.0.0.1")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[]{"--target", "8.8.8.8:11800"}))
                .hasMessageContaining("loopback");
    }

    @Test
    void simulatorDefaultsAndHelp() {
        SimulatorOptions defaults = SimulatorOptions.parse(new String[0]);

        assertThat(defaults.agents()).isEqualTo(100);
        assertThat(defaults.target().getPort()).isEqualTo(11800);
        assertThat(defaults.describe()).containsEntry("token", "none");
        assertThat(SimulatorOptions.parse(new String[]{"--token", "s3cret"}).describe())
                .containsEntry("token", "set").doesNotContainValue("s3cret");
        assertThat(SimulatorOptions.parse(new String[]{"--help"})).isNull();
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[]{"--duration", "5", "--warmup", "5"}))
                .hasMessageContaining("--warmup");
    }
}
