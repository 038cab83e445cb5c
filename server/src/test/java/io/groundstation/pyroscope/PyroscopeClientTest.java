package io.groundstation.pyroscope;

import io.groundstation.export.ProfileSeries;
import io.groundstation.export.PushResult;
import io.groundstation.testing.fixtures.PyroscopeStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a stand-in push API: the request it sends and how it reads each answer. */
class PyroscopeClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final PyroscopeStandIn pyroscope = PyroscopeStandIn.start();

    @AfterEach
    void stop() {
        pyroscope.close();
    }

    @Test
    void aPushIsAPushRequestInJsonWithTheBearerTokenAndTenant() throws IOException {
        PyroscopeClient client = PyroscopeClient.create(pyroscope.url(), "", "tok", "team-a", TIMEOUT);

        assertThat(client.push(List.of(series("a"), series("b")))).isEqualTo(PushResult.accepted());

        assertThat(pyroscope.malformed()).isEmpty();
        PyroscopeStandIn.Push push = pyroscope.pushes().get(0);
        assertThat(push.authorization()).isEqualTo("Bearer tok");
        assertThat(push.tenant()).isEqualTo("team-a");
        assertThat(push.series()).extracting(PyroscopeStandIn.Series::id).containsExactly("a", "b");
        assertThat(push.series().get(0).labels()).containsExactly(Map.entry("__name__", "process_cpu"),
                Map.entry("service_name", "shop"));
        assertThat(push.series().get(0).profile().getStringTable(1)).isEqualTo("samples");
    }

    @Test
    void onlyAnswersThatRefuseTheProfileItselfAreFinal() throws IOException {
        PyroscopeClient client = PyroscopeClient.create(pyroscope.url() + "/", "", "", "", TIMEOUT);
        pyroscope.answerNext(400, 413, 422, 401, 404, 429, 503);

        List<PushResult.Status> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            PushResult result = client.push(List.of(series("x")));
            assertThat(result.detail()).startsWith("HTTP ");
            statuses.add(result.status());
        }

        assertThat(statuses).containsExactly(PushResult.Status.REFUSED, PushResult.Status.REFUSED,
                PushResult.Status.REFUSED, PushResult.Status.RETRY, PushResult.Status.RETRY, PushResult.Status.RETRY,
                PushResult.Status.RETRY);
        assertThat(client.push(List.of(series("x"))).status()).isEqualTo(PushResult.Status.ACCEPTED);
    }

    @Test
    void aReceiverThatIsNotThereIsRetriedAndTheTokenIsInNoDetail() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PyroscopeClient client = PyroscopeClient.create("http://127.0.0.1:" + closedPort, "user", "s3cret", "",
                TIMEOUT);

        PushResult result = client.push(List.of(series("x")));

        assertThat(result.status()).isEqualTo(PushResult.Status.RETRY);
        assertThat(result.detail()).isNotBlank().doesNotContain("s3cret");
    }

    @Test
    void aBadUrlOrAUserWithoutTokenIsRefusedAtStart() {
        for (String url : List.of("pyroscope:4040", "ftp://host", "http://", "http://user:pw@host:4040",
                "http://host/?q=1", "not a url")) {
            assertThatThrownBy(() -> PyroscopeClient.create(url, "", "", "", TIMEOUT)).as(url)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PyroscopeClient.create("http://host:4040", "user", "", "", TIMEOUT))
                .hasMessageContaining("export.pyroscope.token");
        assertThat(PyroscopeClient.create("https://profiles.example/prefix/", "", "", "", TIMEOUT)).isNotNull();
    }

    /** A series with a minimal but real gzipped pprof (string table "", "samples"). */
    private static ProfileSeries series(String id) throws IOException {
        byte[] pprof = io.groundstation.protocol.pprof.Profile.newBuilder().addStringTable("")
                .addStringTable("samples").build().toByteArray();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(pprof);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__name__", "process_cpu");
        labels.put("service_name", "shop");
        return new ProfileSeries(id, labels, gz.toByteArray());
    }
}
