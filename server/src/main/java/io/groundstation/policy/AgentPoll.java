package io.groundstation.policy;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One agent's latest policy poll: what it holds of each service it asked about (the version without its URI-filter
 * variant, "" for none) and when (epoch ms). Their count and {@code hash} digest the holdings so that storage can
 * tell, with one conditional update, that they are the ones it already has: {@code hash} is the sum of a 64-bit hash
 * of each (service, version) pair, order-free; two different sets collide with a chance of about 2^-64, and an agent that
 * crafted a collision would only misreport its own holdings.
 */
public record AgentPoll(String agentId, Map<String, String> holds, long hash, long polledAt) {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /**
     * The poll {@code held} makes, reusing the holdings of {@code previous} when they are the same: in steady state an
     * agent asks about the same services holding the same versions every 10 s.
     */
    static AgentPoll of(String agentId, Collection<HeldPolicy> held, long polledAt, AgentPoll previous) {
        if (previous != null && previous.sameHoldings(held)) {
            return new AgentPoll(agentId, previous.holds, previous.hash, polledAt);
        }
        Map<String, String> holds = new HashMap<>(held.size() * 2);
        held.forEach(h -> holds.put(h.serviceName(), PolicyVersion.parse(h.version()).base()));
        long hash = 0;
        for (Map.Entry<String, String> holding : holds.entrySet()) {
            hash += hash(holding.getKey(), holding.getValue());
        }
        return new AgentPoll(agentId, Map.copyOf(holds), hash, polledAt);
    }

    public int count() {
        return holds.size();
    }

    /** The later of two polls of one agent; {@code other} on a tie, as the one heard last. */
    AgentPoll newer(AgentPoll other) {
        return other.polledAt >= polledAt ? other : this;
    }

    boolean sameHoldings(AgentPoll other) {
        return hash == other.hash && holds.equals(other.holds);
    }

    private boolean sameHoldings(Collection<HeldPolicy> held) {
        if (held.size() != holds.size()) {
            return false;
        }
        for (HeldPolicy h : held) {
            if (!PolicyVersion.parse(h.version()).base().equals(holds.get(h.serviceName()))) {
                return false;
            }
        }
        return true;
    }

    /** FNV-1a over the two strings and a separator, spread by a murmur3 finaliser: the same on every node and JVM. */
    static long hash(String service, String version) {
        long h = FNV_OFFSET;
        for (int i = 0; i < service.length(); i++) {
            h = (h ^ service.charAt(i)) * FNV_PRIME;
        }
        h = (h ^ 0xffff) * FNV_PRIME;
        for (int i = 0; i < version.length(); i++) {
            h = (h ^ version.charAt(i)) * FNV_PRIME;
        }
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
