package io.groundstation.network;

import io.groundstation.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContentMaskerTest {

    private final ContentMasker masker = new ContentMasker(
            Set.copyOf(Arrays.asList(Settings.defaults().get(Settings.NETWORK_MASK_HEADERS).split(","))),
            Settings.defaults().get(Settings.NETWORK_MASK_HEADER_PATTERN));

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
        ContentMasker listOnly = new ContentMasker(Set.of("Cookie"), "");
        assertThat(listOnly.mask("Cookie: a\nX-Api-Key: k")).isEqualTo("Cookie: ******\nX-Api-Key: k");
        assertThat(ContentMasker.disabled().mask("Cookie: a")).isEqualTo("Cookie: a");
    }
}
