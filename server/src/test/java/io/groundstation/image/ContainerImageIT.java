package io.groundstation.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OCI tarball {@code ./mvnw -Pimage -pl server -am package} builds: what the container runtime reads from its
 * config, and the files the entrypoint needs. Skipped when no tarball was built, unless
 * {@code groundstation.image.required} (the image profile's own run after package).
 */
class ContainerImageIT {

    private static final Path TARBALL = Path.of("target", "groundstation-image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, byte[]> blobs;
    static JsonNode config;
    /** Every file of every layer, by absolute path, with its mode; later layers win. */
    static Map<String, TarArchiveEntry> files;
    static Map<String, byte[]> smallFiles;

    @BeforeAll
    static void read() throws IOException {
        boolean required = Boolean.getBoolean("groundstation.image.required");
        assumeTrue(required || Files.exists(TARBALL), "no image tarball built (./mvnw -Pimage ... package)");
        assertThat(TARBALL).as("image tarball").exists();
        blobs = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(TARBALL))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    blobs.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        JsonNode index = JSON.readTree(blobs.get("index.json"));
        JsonNode manifest = JSON.readTree(blob(index.get("manifests").get(0).get("digest").asText()));
        config = JSON.readTree(blob(manifest.get("config").get("digest").asText()));
        files = new HashMap<>();
        smallFiles = new HashMap<>();
        for (JsonNode layer : manifest.get("layers")) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                    new ByteArrayInputStream(blob(layer.get("digest").asText()))))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    String path = "/" + entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "")
                            .replaceFirst("/$", "");
                    files.put(path, entry);
                    if (entry.isFile() && entry.getSize() < 64 * 1024) {
                        smallFiles.put(path, tar.readAllBytes());
                    }
                }
            }
        }
    }

    private static byte[] blob(String digest) {
        byte[] blob = blobs.get("blobs/sha256/" + digest.substring("sha256:".length()));
        assertThat(blob).as("blob %s", digest).isNotNull();
        return blob;
    }

    @Test
    void runsAsANonRootUser() {
        String user = config.get("config").get("User").asText();
        assertThat(user).isEqualTo("65532:65532");
        assertThat(new String(smallFiles.get("/etc/passwd"), StandardCharsets.UTF_8))
                .contains(":65532:65532:");
    }

    @Test
    void exposesTheDefaultAgentAndHttpPorts() {
        List<String> ports = new ArrayList<>();
        config.get("config").get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder(Settings.GRPC_PORT.defaultText() + "/tcp",
                Settings.HTTP_PORT.defaultText() + "/tcp");
    }

    @Test
    void keepsTheEmbeddedStoreOnAVolumeTheUserCanWrite() {
        assertThat(config.get("config").get("Volumes").has("/data")).isTrue();
        assertThat(env()).containsEntry(Settings.DATA_DIR.environmentVariable(), "/data");
        assertThat(files.get("/data").isDirectory()).isTrue();
        assertThat(files.get("/data").getMode() & 0_002).as("others may write /data").isNotZero();
        assertThat(files.get("/tmp").getMode() & 0_002).as("others may write /tmp").isNotZero();
    }

    @Test
    void entrypointRunsTheServerOnTheImagesJavaWithTheHeapSizedFromTheContainer() {
        List<String> entrypoint = new ArrayList<>();
        config.get("config").get("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        assertThat(entrypoint.get(0)).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint).anyMatch(arg -> arg.startsWith("-XX:MaxRAMPercentage="))
                .noneMatch(arg -> arg.startsWith("-Xmx"));
        assertThat(entrypoint.subList(entrypoint.size() - 3, entrypoint.size()))
                .containsExactly("-cp", "@/app/jib-classpath-file", "io.groundstation.Groundstation");
        assertThat(files.get("/opt/java/bin/java").getMode() & 0_111).as("java is executable").isEqualTo(0_111);
        assertThat(files).containsKey("/lib64/ld-linux-x86-64.so.2").containsKey("/opt/java/lib/server/libjvm.so");
        String classpath = new String(smallFiles.get("/app/jib-classpath-file"), StandardCharsets.UTF_8).trim();
        for (String element : classpath.split(":")) {
            String dir = element.endsWith("/*") ? element.substring(0, element.length() - 2) : element;
            assertThat(files).as("classpath element %s", element).containsKey(dir);
        }
        assertThat(files.keySet()).anyMatch(path -> path.startsWith("/app/classes/io/groundstation/Groundstation"));
    }

    @Test
    void everyGroundstationVariableIsASetting() {
        List<String> known = Settings.ALL.stream().map(Setting::environmentVariable).toList();
        assertThat(env().keySet()).filteredOn(name -> name.startsWith("GROUNDSTATION_")).isNotEmpty()
                .allMatch(known::contains);
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        config.get("config").get("Env").forEach(pair -> {
            String[] parts = pair.asText().split("=", 2);
            env.put(parts[0], parts[1]);
        });
        return env;
    }
}
