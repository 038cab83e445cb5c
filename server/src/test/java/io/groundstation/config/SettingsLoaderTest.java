package io.groundstation.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsFollowTheEcosystem() {
        Settings settings = SettingsLoader.load(new String[0], Map.of());
        assertThat(settings.get(Settings.GRPC_PORT)).isEqualTo(11800);
        assertThat(settings.get(Settings.HTTP_PORT)).isEqualTo(12800);
        assertThat(settings.get(Settings.LIVENESS_WINDOW)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.get(Settings.RETENTION)).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void argumentBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path file = dir.resolve("gs.properties");
        Files.writeString(file, "grpc.port=1\nhttp.port=2\ndata.dir=/from/file\n");
        Settings settings = SettingsLoader.load(new String[]{"--config=" + file, "--grpc.port=3"},
                Map.of("GROUNDSTATION_GRPC_PORT", "4", "GROUNDSTATION_HTTP_PORT", "5"));
        assertThat(settings.get(Settings.GRPC_PORT)).isEqualTo(3);
        assertThat(settings.get(Settings.HTTP_PORT)).isEqualTo(5);
        assertThat(settings.get(Settings.DATA_DIR)).isEqualTo("/from/file");
        assertThat(settings.get(Settings.JDBC_URL)).isEmpty();
    }

    @Test
    void everyRequiredSettingHasItsEnvironmentVariable() {
        assertThat(Settings.ALL).extracting(Setting::environmentVariable).contains("GROUNDSTATION_GRPC_PORT",
                "GROUNDSTATION_HTTP_PORT", "GROUNDSTATION_DATA_DIR", "GROUNDSTATION_JDBC_URL",
                "GROUNDSTATION_JDBC_USER", "GROUNDSTATION_JDBC_PASSWORD", "GROUNDSTATION_AGENT_TOKEN",
                "GROUNDSTATION_ADMIN_TOKEN");
        assertThat(SettingsLoader.help()).contains("GROUNDSTATION_AGENT_TOKEN", "default: 11800");
    }

    @Test
    void everyDeclaredSettingIsLoadedUnderItsOwnKey() throws IllegalAccessException {
        List<Setting<?>> declared = new ArrayList<>();
        for (Field field : Settings.class.getFields()) {
            if (field.getType() == Setting.class) {
                declared.add((Setting<?>) field.get(null));
            }
        }
        assertThat(Settings.ALL).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(Settings.ALL).extracting(Setting::key).doesNotHaveDuplicates();
    }

    @Test
    void badValuesAreAllReportedByName() {
        assertThatThrownBy(() -> SettingsLoader.load(new String[0], Map.of("GROUNDSTATION_GRPC_PORT", "70000",
                "GROUNDSTATION_REGISTRY_LIVENESS_WINDOW", "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("grpc.port (GROUNDSTATION_GRPC_PORT): a port is 0..65535")
                .hasMessageContaining("registry.liveness-window");
        assertThatThrownBy(() -> SettingsLoader.load(new String[]{"--grcp.port=1"}, Map.of()))
                .hasMessageContaining("Unknown setting 'grcp.port'");
        assertThatThrownBy(() -> SettingsLoader.load(new String[]{"--config=" + dir.resolve("missing")}, Map.of()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void secretsAreNotShownInHelp() {
        assertThat(SettingsLoader.help()).doesNotContain("s3cret");
        Settings settings = SettingsLoader.load(new String[0], Map.of("GROUNDSTATION_AGENT_TOKEN", "s3cret"));
        assertThat(settings.get(Settings.AGENT_TOKEN)).isEqualTo("s3cret");
    }
}
