package io.groundstation.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsCatalogueTest {

    @Test
    void readsEachKeyWithItsDefaultAndTheCommentLinesJustAboveIt() {
        Map<String, SettingsCatalogue.Entry> entries = SettingsCatalogue.read(List.of(
                "# The file's header: a blank line follows it, so it describes nothing.",
                "",
                "# Agent (gRPC) port.",
                "# 0 picks a free port.",
                "grpc.port=11800",
                "",
                "# Empty: embedded SQLite.",
                "jdbc.url=",
                "# Regex of header names; '=' and '#' belong to the value.",
                "mask.pattern=.*(a=b|#c).*"));

        assertThat(entries.keySet()).containsExactly("grpc.port", "jdbc.url", "mask.pattern");
        assertThat(entries.get("grpc.port"))
                .isEqualTo(new SettingsCatalogue.Entry("11800", "Agent (gRPC) port. 0 picks a free port."));
        assertThat(entries.get("jdbc.url").defaultText()).isEmpty();
        assertThat(entries.get("mask.pattern").defaultText()).isEqualTo(".*(a=b|#c).*");
    }

    @Test
    void refusesAKeyWithoutDescriptionATwiceListedKeyAndWhatPropertiesWouldReadOtherwise() {
        assertThatThrownBy(() -> SettingsCatalogue.read(List.of("# header", "", "grpc.port=1")))
                .hasMessageContaining("line 3").hasMessageContaining("no description above grpc.port");
        assertThatThrownBy(() -> SettingsCatalogue.read(List.of("# a", "k=1", "# b", "k=2")))
                .hasMessageContaining("line 4").hasMessageContaining("k is listed twice");
        for (String line : List.of("k = 1", "k= 1", "a b=1", "k:x=1", "k:1", "=1", "k=C:\\data")) {
            assertThatThrownBy(() -> SettingsCatalogue.read(List.of("# about k", line)))
                    .as(line).hasMessageContaining("not key=value");
        }
    }

    @Test
    void theShippedCatalogueDescribesExactlyTheDeclaredSettingsInTheirOrder() {
        assertThat(SettingsCatalogue.load().keySet())
                .containsExactlyElementsOf(Settings.ALL.stream().map(Setting::key).toList());
    }
}
