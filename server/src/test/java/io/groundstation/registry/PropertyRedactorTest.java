package io.groundstation.registry;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PropertyRedactorTest {

    private final PropertyRedactor redactor = new PropertyRedactor(Set.of("command_line"),
            PropertyRedactor.DEFAULT_RULES);

    @Test
    void masksSecretFlagsInBothForms() {
        assertThat(redactor.redact("app --password=hunter2 --port=80"))
                .isEqualTo("app --password=****** --port=80");
        assertThat(redactor.redact("app --token abc123 -v")).isEqualTo("app --token ****** -v");
        assertThat(redactor.redact("java -Ddb.password=x -jar a.jar --spring.datasource.password 'p w'"))
                .isEqualTo("java -Ddb.password=****** -jar a.jar --spring.datasource.password ******");
        assertThat(redactor.redact("cli --api-key=K1 --apikey K2")).isEqualTo("cli --api-key=****** --apikey ******");
    }

    @Test
    void masksSecretEnvironmentAssignmentsAndUrlCredentials() {
        assertThat(redactor.redact("env AWS_SECRET_ACCESS_KEY=abc GITHUB_TOKEN=ghp_x PATH=/bin run"))
                .isEqualTo("env AWS_SECRET_ACCESS_KEY=****** GITHUB_TOKEN=****** PATH=/bin run");
        assertThat(redactor.redact("app --db postgres://admin:pa55@db:5432/x"))
                .isEqualTo("app --db postgres://admin:******@db:5432/x");
    }

    @Test
    void everySecretWordIsFoundInAnyCase() {
        // the cheap pre-check must never skip a command line a rule would mask
        for (String word : List.of("PassWord", "PASSWD", "Pwd", "SeCrEt", "TOKEN", "api-key", "API_KEY", "apikey",
                "Access_Key", "Private-Key", "credential", "CREDENTIALS", "Auth")) {
            assertThat(redactor.redact("app --db-" + word + "=hunter2")).as(word)
                    .isEqualTo("app --db-" + word + "=******");
            assertThat(redactor.redact("env MY_" + word.replace('-', '_') + "=hunter2 run")).as(word)
                    .isEqualTo("env MY_" + word.replace('-', '_') + "=****** run");
        }
        assertThat(redactor.redact("app HTTP://user:hunter2@db")).isEqualTo("app HTTP://user:******@db");
    }

    @Test
    void leavesHarmlessCommandLinesAlone() {
        String plain = "/usr/bin/envoy -c /etc/envoy/envoy.yaml --service-node sidecar --log-level info";
        assertThat(redactor.redact(plain)).isEqualTo(plain);
        assertThat(redactor.redact("nginx -g daemon off;")).isEqualTo("nginx -g daemon off;");
    }

    @Test
    void onlyTheConfiguredPropertiesAreRedacted() {
        Map<String, String> redacted = redactor.redact(Map.of("command_line", "x --password=a",
                "container_name", "--password=b"));
        assertThat(redacted).containsEntry("command_line", "x --password=******")
                .containsEntry("container_name", "--password=b");
    }

    @Test
    void extraRulesMaskTheirFirstGroup() {
        PropertyRedactor custom = new PropertyRedactor(Set.of("command_line"),
                PropertyRedactor.rulesWith(List.of("license=(\\w+)")));
        assertThat(custom.redact("app license=ABCD")).isEqualTo("app license=******");
    }
}
