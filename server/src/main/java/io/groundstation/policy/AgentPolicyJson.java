package io.groundstation.policy;

import io.groundstation.json.JsonText;

/** One service of {@code ServiceWithPolicyJSON}, as the agent parses it. */
final class AgentPolicyJson {

    private AgentPolicyJson() {
    }

    static String entry(Policy policy, String version, int variant) {
        return "{\"ServiceName\":" + JsonText.quote(policy.serviceName())
                + ",\"UUID\":" + JsonText.quote(new PolicyVersion(version, variant).text())
                + ",\"Profiling\":" + PolicyJson.targets(policy, PolicyJson.Spelling.AGENT, variant) + "}";
    }

    /** No policy any more: a version the agent cannot hold, and no Profiling, make it drop what it has. */
    static String removal(String serviceName) {
        return "{\"ServiceName\":" + JsonText.quote(serviceName) + ",\"UUID\":\"\"}";
    }
}
