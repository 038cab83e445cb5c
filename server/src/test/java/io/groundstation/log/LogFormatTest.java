package io.groundstation.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** log.format=json writes one JSON object per line, exceptions included; text is the pattern of logback.xml. */
class LogFormatTest {

    private static final Logger LOG = LoggerFactory.getLogger(LogFormatTest.class);
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        LogFormat.apply(LogFormat.TEXT);
        System.setOut(original);
    }

    @Test
    void jsonIsOneObjectPerLine() throws Exception {
        LogFormat.apply(LogFormat.JSON);
        LOG.info("registered {} processes", 3);
        LOG.warn("flush failed", new IllegalStateException("database away\nsecond line"));

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode info = json.readTree(lines.get(0));
        assertThat(info.get("level").asText()).isEqualTo("INFO");
        assertThat(info.get("loggerName").asText()).isEqualTo(LogFormatTest.class.getName());
        assertThat(info.get("formattedMessage").asText()).isEqualTo("registered 3 processes");
        assertThat(info.get("timestamp").asLong()).isPositive();
        assertThat(info.has("arguments")).as("raw arguments are not repeated").isFalse();
        JsonNode warn = json.readTree(lines.get(1));
        assertThat(warn.get("level").asText()).isEqualTo("WARN");
        assertThat(warn.get("throwable").toString()).contains("IllegalStateException").contains("database away");
    }

    @Test
    void textIsThePatternOfLogbackXml() {
        LogFormat.apply(LogFormat.JSON);
        LogFormat.apply(LogFormat.TEXT);
        LOG.info("registered {} processes", 3);

        assertThat(lines()).singleElement().satisfies(line -> assertThat(line)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* INFO  \\[.+] \\S+ - registered 3 processes"));
    }

    private List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
