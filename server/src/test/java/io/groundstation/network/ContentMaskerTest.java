package io.groundstation.network;

import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ContentMaskerTest {

    private final ContentMasker masker = new ContentMasker(defaultNames(Settings.NETWORK_MASK_HEADERS),
            Settings.defaults().get(Settings.NETWORK_MASK_HEADER_PATTERN), defaultNames(Settings.NETWORK_MASK_FIELDS),
            Settings.defaults().get(Settings.NETWORK_MASK_FIELD_PATTERN));

    private static Set<String> defaultNames(Setting<String> setting) {
        return Set.copyOf(Arrays.asList(Settings.defaults().get(setting).split(",")));
    }

    @Test
    void masksTheValuesOfSecretHeadersInAnyCaseAndKeepsTheRest() {
        String request = "GET /a HTTP/1.1\r\nHost: shop\r\nauthorization: Bearer eyJabc.def\r\n"
                + "COOKIE: a=1; b=2\r\nX-Goog-Api-Key: g-1\r\nX-Session-Token: t-2\r\nAccept: */*\r\n\r\n"
                + "Cookie: in the body too";

        assertThat(masker.mask(request)).isEqualTo("GET /a HTTP/1.1\r\nHost: shop\r\nauthorization: ******\r\n"
                + "COOKIE: ******\r\nX-Goog-Api-Key: ******\r\nX-Session-Token: ******\r\nAccept: */*\r\n\r\n"
                + "Cookie: ******");
    }

    @Test
    void aCutAnywhereLeavesNoPartOfASecret() {
        assertThat(masker.mask("Set-Cookie: id=zz")).isEqualTo("Set-Cookie: ******");
        assertThat(masker.mask("ion/json\r\nProxy-Authorization:Basic cHc=\nX: y"))
                .isEqualTo("ion/json\r\nProxy-Authorization:******\nX: y");
        assertThat(masker.mask("Authorization:")).isEqualTo("Authorization:");
    }

    @Test
    void listedNamesAloneWhenThePatternIsEmptyAndNothingWhenDisabled() {
        ContentMasker listOnly = new ContentMasker(Set.of("Cookie"), "", Set.of("PIN"), "");
        assertThat(listOnly.mask("Cookie: a\nX-Api-Key: k\n\n{\"pin\": \"1\", \"token\": \"t\"}"))
                .isEqualTo("Cookie: ******\nX-Api-Key: k\n\n{\"pin\": \"******\", \"token\": \"t\"}");
        assertThat(ContentMasker.disabled().mask("Cookie: a\n\npassword=x")).isEqualTo("Cookie: a\n\npassword=x");
    }

    @Test
    void masksSecretJsonMembersWhateverTheirNestingAndKeepsTheJsonValid() {
        String body = "POST /login HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
                + "{\"user\": \"ann\", \"password\": \"hunter2\", \"client\": {\"client_secret\":\"cs-1\","
                + " \"accessToken\" : \"eyJ\\\"x\\\"\", \"api_key\": 12345, \"remember\": true, \"pin\": true},"
                + " \"max_tokens\": 100, \"author\": \"bo\", \"tokens\": [\"a\"], \"session\": {\"id\": \"s\"},"
                + " \"empty_token\": \"\"}";

        assertThat(masker.mask(body)).isEqualTo("POST /login HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
                + "{\"user\": \"ann\", \"password\": \"******\", \"client\": {\"client_secret\":\"******\","
                + " \"accessToken\" : \"******\", \"api_key\": \"******\", \"remember\": true, \"pin\": \"******\"},"
                + " \"max_tokens\": 100, \"author\": \"bo\", \"tokens\": [\"a\"], \"session\": {\"id\": \"s\"},"
                + " \"empty_token\": \"\"}");
    }

    @Test
    void masksSecretFormFieldsAndQueryParameters() {
        String request = "POST /oauth/token?client_id=app&access_token=at-1 HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                + "grant_type=password&username=ann&password=hunter%322&refresh_token=rt-1&scope=read";

        assertThat(masker.mask(request)).isEqualTo("POST /oauth/token?client_id=app&access_token=****** HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                + "grant_type=password&username=ann&password=******&refresh_token=******&scope=read");
    }

    @Test
    void aBodyCutMidValueLeavesNoPartOfTheSecret() {
        assertThat(masker.mask("tion/json\r\n\r\n{\"a\": 1, \"secret\": \"abcdef")).isEqualTo(
                "tion/json\r\n\r\n{\"a\": 1, \"secret\": \"******");
        assertThat(masker.mask("ser=ann&password=hunt")).isEqualTo("ser=ann&password=******");
        assertThat(masker.mask("\"token\": \"abc\", \"x\": 1}")).isEqualTo("\"token\": \"******\", \"x\": 1}");
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
