package io.groundstation.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table must name every setting, so operators never meet an undocumented one. */
class ReadmeTest {

    @Test
    void documentsEverySetting() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting<?> setting : Settings.ALL) {
            assertThat(readme).as("README documents %s", setting.key())
                    .contains("| `" + setting.key() + "` | `" + setting.environmentVariable() + "` |");
        }
    }
}
