package io.groundstation.agent;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationSheddingTest {

    private static final String REGISTER = "skywalking.v3.EBPFProcessService/reportProcesses";
    private static final String POLL = "skywalking.v3.ContinuousProfilingService/queryPolicies";
    private static final Metadata.Key<String> MARK =
            Metadata.Key.of("groundstation-refused-on-arrival", Metadata.ASCII_STRING_MARSHALLER);

    private final AtomicInteger waiting = new AtomicInteger();
    private final RegistrationShedding shedding = new RegistrationShedding(Set.of(REGISTER), waiting::get, 3);

    @Test
    void refusesRegistrationsOnceTheLimitWaits() {
        waiting.set(2);
        assertThat(shedding.refuseOnArrival(REGISTER, new Metadata())).isFalse();
        waiting.set(3);
        Metadata headers = new Metadata();
        assertThat(shedding.refuseOnArrival(REGISTER, headers)).isTrue();
        assertThat(headers.get(MARK)).as("what the refusal will say").isEqualTo("3");
    }

    @Test
    void otherMethodsAreNeverRefused() {
        waiting.set(1_000);
        assertThat(shedding.refuseOnArrival(POLL, new Metadata())).isFalse();
    }

    @Test
    void aPeerCannotSendTheMarkItself() {
        Metadata headers = new Metadata();
        headers.put(MARK, "99");
        assertThat(shedding.refuseOnArrival(POLL, headers)).isFalse();
        assertThat(headers.containsKey(MARK)).isFalse();
    }

    @Test
    void theDerivedLimitIsOneWaitingCallPer96KibOfDirectMemory() {
        assertThat(RegistrationShedding.limit(0, 512L << 20)).isEqualTo(5_461);
        assertThat(RegistrationShedding.limit(0, 1L << 30)).isEqualTo(10_922);
        assertThat(RegistrationShedding.limit(0, 1)).isEqualTo(1);
        assertThat(RegistrationShedding.limit(250, 1L << 30)).as("configured").isEqualTo(250);
        assertThatThrownBy(() -> new RegistrationShedding(Set.of(REGISTER), waiting::get, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
