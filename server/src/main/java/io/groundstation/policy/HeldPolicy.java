package io.groundstation.policy;

/** One entry of an agent's policy query: a service it watches and the version it holds ("" for none). */
public record HeldPolicy(String serviceName, String version) {
}
