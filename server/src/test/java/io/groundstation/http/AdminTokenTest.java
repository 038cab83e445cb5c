package io.groundstation.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenTest {

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTokenIsTakenAsBearerOrAsTheBasicPassword() {
        AdminToken token = new AdminToken("s3cret:ä");
        assertThat(token.admits("Bearer s3cret:ä")).isTrue();
        assertThat(token.admits(basic("admin:s3cret:ä"))).as("the password may hold a colon").isTrue();
        assertThat(token.admits(basic(":s3cret:ä"))).as("any user name").isTrue();
        assertThat(token.admits("basic " + Base64.getEncoder().encodeToString("x:s3cret:ä"
                .getBytes(StandardCharsets.UTF_8)))).as("the scheme is case-insensitive").isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        AdminToken token = new AdminToken("s3cret");
        assertThat(token.admits(null)).isFalse();
        assertThat(token.admits("")).isFalse();
        assertThat(token.admits("Bearer wrong")).isFalse();
        assertThat(token.admits("Bearer s3cret ")).isFalse();
        assertThat(token.admits("s3cret")).isFalse();
        assertThat(token.admits(basic("s3cret"))).as("no colon: a user name only").isFalse();
        assertThat(token.admits(basic("s3cret:wrong"))).isFalse();
        assertThat(token.admits("Basic !!!not-base64")).isFalse();
    }

    @Test
    void noTokenAdmitsEveryone() {
        AdminToken none = new AdminToken("");
        assertThat(none.isSet()).isFalse();
        assertThat(none.admits(null)).isTrue();
    }
}
