package io.groundstation.network;

import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ContentMaskerTest {

    private final ContentMasker masker = new ContentMasker(defaultNames(Settings.NETWORK_MASK_HEADERS),
            Settings.defaults().get(Settings.NETWORK_MASK_HEADER_PATTERN), defaultNames(Settings.NETWORK_MASK_FIELDS),
            Settings.defaults().get(Settings.NETWORK_MASK_FIELD_PATTERN));

    private static Set<String> defaultNames(Setting<String> setting) {
        return Set.copyOf(Arrays.asList(Settings.defaults().get(setting).split(",")));
    }

    @ParameterizedTest
    @MethodSource("contents")
    void masksWhatTheDefaultsNameAndLeavesTheRest(String content, String masked) {
        assertThat(masker.mask(content)).isEqualTo(masked);
    }

    /** Content as the agent sends it (whole or cut anywhere), and as the default names and patterns mask it. */
    static Stream<Arguments> contents() {
        return Stream.of(
                // secret headers in any case, and a header name in the body
                arguments("GET /a HTTP/1.1\r\nHost: shop\r\nauthorization: Bearer eyJabc.def\r\n"
                        + "COOKIE: a=1; b=2\r\nX-Goog-Api-Key: g-1\r\nX-Session-Token: t-2\r\nAccept: */*\r\n\r\n"
                        + "Cookie: in the body too",
                        "GET /a HTTP/1.1\r\nHost: shop\r\nauthorization: ******\r\n"
                        + "COOKIE: ******\r\nX-Goog-Api-Key: ******\r\nX-Session-Token: ******\r\nAccept: */*\r\n\r\n"
                        + "Cookie: ******"),
                // a cut anywhere leaves no part of a secret
                arguments("Set-Cookie: id=zz", "Set-Cookie: ******"),
                arguments("ion/json\r\nProxy-Authorization:Basic cHc=\nX: y",
                        "ion/json\r\nProxy-Authorization:******\nX: y"),
                arguments("Authorization:", "Authorization:"),
                // secret JSON members whatever their nesting, and the JSON still valid
                arguments("POST /login HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
                        + "{\"user\": \"ann\", \"password\": \"hunter2\", \"client\": {\"client_secret\":\"cs-1\","
                        + " \"accessToken\" : \"eyJ\\\"x\\\"\", \"api_key\": 12345, \"remember\": true, \"pin\": true},"
                        + " \"max_tokens\": 100, \"author\": \"bo\", \"tokens\": [\"a\"], \"session\": {\"id\": \"s\"},"
                        + " \"empty_token\": \"\"}",
                        "POST /login HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
                        + "{\"user\": \"ann\", \"password\": \"******\", \"client\": {\"client_secret\":\"******\","
                        + " \"accessToken\" : \"******\", \"api_key\": \"******\", \"remember\": true,"
                        + " \"pin\": \"******\"}, \"max_tokens\": 100, \"author\": \"bo\", \"tokens\": [\"a\"],"
                        + " \"session\": {\"id\": \"s\"}, \"empty_token\": \"\"}"),
                // secret form fields and query parameters
                arguments("POST /oauth/token?client_id=app&access_token=at-1 HTTP/1.1\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                        + "grant_type=password&username=ann&password=hunter%322&refresh_token=rt-1&scope=read",
                        "POST /oauth/token?client_id=app&access_token=****** HTTP/1.1\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                        + "grant_type=password&username=ann&password=******&refresh_token=******&scope=read"),
                // a body cut mid-value leaves no part of the secret
                arguments("tion/json\r\n\r\n{\"a\": 1, \"secret\": \"abcdef",
                        "tion/json\r\n\r\n{\"a\": 1, \"secret\": \"******"),
                arguments("ser=ann&password=hunt", "ser=ann&password=******"),
                arguments("\"token\": \"abc\", \"x\": 1}", "\"token\": \"******\", \"x\": 1}"));
    }

    @Test
    void listedNamesAloneWhenThePatternIsEmptyAndNothingWhenDisabled() {
        ContentMasker listOnly = new ContentMasker(Set.of("Cookie"), "", Set.of("PIN"), "");
        assertThat(listOnly.mask("Cookie: a\nX-Api-Key: k\n\n{\"pin\": \"1\", \"token\": \"t\"}"))
                .isEqualTo("Cookie: ******\nX-Api-Key: k\n\n{\"pin\": \"******\", \"token\": \"t\"}");
        assertThat(ContentMasker.disabled().mask("Cookie: a\n\npassword=x")).isEqualTo("Cookie: a\n\npassword=x");
    }

    @Test
    void scanningForWhereAMatchCanStartFindsWhatTryingEveryPositionFinds() {
        ContentMasker everyPosition = masker.tryingEveryPosition();
        List<String> pieces = List.of("\r\n", "\n", "\r", "\u2028", "\u0085", " ", "\t", "\f", "\u000B", "?", "&", "=",
                ":", ": ", "\"", "\\", "{", "}", ",", "x", "xx", "7", "-1", "true", "Cookie", "authorization",
                "X-Api-Key", "password", "pass", "token", "pin", "session_id", "max_tokens", "\"password\"", "\"pin\": ",
                "password=", "&token=", "?pwd=", "Set-Cookie: ", "\nAuthorization:", "******");
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder content = new StringBuilder();
            for (int n = random.nextInt(1, 24); n > 0; n--) {
                content.append(pieces.get(random.nextInt(pieces.size())));
            }
            String text = content.toString();
            assertThat(masker.mask(text)).as("%s", text).isEqualTo(everyPosition.mask(text));
        }
    }
}
