package io.groundstation.http;

import io.groundstation.testing.harness.ClassServer;
import io.groundstation.testing.harness.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's files as the HTTP port serves them, without a browser. */
class ConsoleFilesIT {

    private static final Pattern IMPORT = Pattern.compile("^import .* from '([^']+)';$", Pattern.MULTILINE);

    @RegisterExtension
    static final ClassServer server = new ClassServer();

    @Test
    void theRootLeadsToTheConsole() {
        HttpResponse<String> root = server.get().get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void theConsolePageIsServedAndRevalidatedOnEveryLoad() {
        HttpResponse<String> page = server.get().get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.body()).contains("<main id=\"view\"", "/console/js/app.js");
    }

    /** Browsers refuse ES modules served with another MIME type, and a missing module breaks the whole page. */
    @Test
    void everyModuleTheConsoleImportsIsServedAsJavaScript() throws IOException, URISyntaxException {
        Path js = Path.of(getClass().getResource("/console/js").toURI());
        List<Path> modules;
        try (Stream<Path> files = Files.walk(js)) {
            modules = files.filter(f -> f.toString().endsWith(".js")).toList();
        }
        assertThat(modules).isNotEmpty();
        for (Path module : modules) {
            String path = "/console/js/" + js.relativize(module).toString().replace('\\', '/');
            HttpResponse<String> response = server.get().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
            Matcher imports = IMPORT.matcher(response.body());
            while (imports.find()) {
                if (imports.group(1).startsWith("/")) {
                    // A library from its WebJar, served from the jar: never from another host.
                    HttpResponse<String> library = server.get().get(imports.group(1));
                    assertThat(library.statusCode()).as(path + " imports " + imports.group(1)).isEqualTo(200);
                    assertThat(library.headers().firstValue("Content-Type")).as(imports.group(1))
                            .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
                    continue;
                }
                Path target = module.getParent().resolve(imports.group(1)).normalize();
                assertThat(target).as(path + " imports " + imports.group(1)).exists();
            }
        }
    }

    @Test
    void theApiKeepsItsJsonErrors() {
        HttpResponse<String> missing = server.get().get("/api/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestServer.readJson(missing.body()).has("error")).isTrue();
        assertThat(server.get().get("/console/nothing-here.js").statusCode()).isEqualTo(404);
    }
}
