package io.groundstation.store;

import io.groundstation.policy.AgentHolding;
import io.groundstation.policy.AgentPoll;
import io.groundstation.policy.PolicyRolloutStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy rollout in tables {@code policy_poller} (an agent's poll time and holdings digest) and
 * {@code policy_rollout} (its holdings). An agent's holdings are changed under a lock on its {@code policy_poller}
 * row, taken in agent order, so nodes writing the same agent cannot interleave; a poll older than the stored one with
 * other holdings changes nothing.
 */
public final class JdbcPolicyRolloutStore implements PolicyRolloutStore {

    private static final int IN_CHUNK = 500;

    private record StoredHolding(String agentId, String serviceName, String holds) {
    }

    private final Database database;
    private final String touch;
    private final String savePoller;
    private final String saveHolding;
    private final String claimPoller;

    public JdbcPolicyRolloutStore(Database database) {
        this.database = database;
        this.touch = "UPDATE policy_poller SET last_polled_at = "
                + database.dialect().greatest("last_polled_at", ":polledAt")
                + " WHERE agent_id = :agent AND holds_count = :count AND holds_hash = :hash";
        this.savePoller = Upsert.sql("policy_poller", List.of("agent_id"),
                List.of("agent_id", "holds_count", "holds_hash", "last_polled_at"), Map.of(
                        "holds_count", "NEW.holds_count", "holds_hash", "NEW.holds_hash",
                        "last_polled_at", "NEW.last_polled_at"));
        this.claimPoller = Upsert.sql("policy_poller", List.of("agent_id"),
                List.of("agent_id", "holds_count", "holds_hash", "last_polled_at"), Map.of());
        this.saveHolding = Upsert.sql("policy_rollout", List.of("service_name", "agent_id"),
                List.of("service_name", "agent_id", "holds", "last_polled_at"),
                Map.of("holds", "NEW.holds", "last_polled_at", "NEW.last_polled_at"));
    }

    @Override
    public int save(Collection<AgentPoll> polls) {
        List<AgentPoll> ordered = polls.stream().sorted(Comparator.comparing(AgentPoll::agentId)).toList();
        return database.writeResult(handle -> {
            PreparedBatch touches = handle.prepareBatch(touch);
            for (AgentPoll poll : ordered) {
                touches.bind("polledAt", poll.polledAt()).bind("agent", poll.agentId()).bind("count", poll.count())
                        .bind("hash", poll.hash()).add();
            }
            int[] touched = touches.execute();
            List<AgentPoll> changed = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                if (touched[i] == 0) {
                    changed.add(ordered.get(i));
                }
            }
            return changed.isEmpty() ? 0 : replace(handle, changed);
        });
    }

    /**
     * Replaces the holdings of agents whose stored digest differs, unless a later poll of theirs is stored: writes the
     * holdings that changed and deletes those the agent no longer has (an agent's set changes by a service or two).
     */
    private int replace(Handle handle, List<AgentPoll> polls) {
        // An agent new to the table gets a row to lock first (a count no digest has): a node storing it at the same
        // time waits for this transaction and then sees what it wrote.
        PreparedBatch claims = handle.prepareBatch(claimPoller);
        polls.forEach(poll -> claims.bind("agent_id", poll.agentId()).bind("holds_count", -1).bind("holds_hash", 0L)
                .bind("last_polled_at", Long.MIN_VALUE).add());
        claims.execute();
        Map<String, Long> storedAt = new HashMap<>();
        Map<String, Map<String, String>> storedHolds = new HashMap<>();
        for (List<AgentPoll> chunk : Chunks.of(polls, IN_CHUNK)) {
            List<String> ids = chunk.stream().map(AgentPoll::agentId).toList();
            handle.createQuery("SELECT agent_id, last_polled_at FROM policy_poller WHERE agent_id IN (<ids>)"
                            + " ORDER BY agent_id" + database.dialect().forUpdate())
                    .bindList("ids", ids)
                    .map((rs, ctx) -> Map.entry(rs.getString("agent_id"), rs.getLong("last_polled_at")))
                    .forEach(row -> storedAt.put(row.getKey(), row.getValue()));
            handle.createQuery("SELECT agent_id, service_name, holds FROM policy_rollout WHERE agent_id IN (<ids>)")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> new StoredHolding(rs.getString("agent_id"), rs.getString("service_name"),
                            rs.getString("holds")))
                    .forEach(h -> storedHolds.computeIfAbsent(h.agentId(), a -> new HashMap<>())
                            .put(h.serviceName(), h.holds()));
        }
        PreparedBatch deletes = handle.prepareBatch("DELETE FROM policy_rollout WHERE service_name = :service"
                + " AND agent_id = :agent");
        PreparedBatch writes = handle.prepareBatch(saveHolding);
        PreparedBatch pollers = handle.prepareBatch(savePoller);
        int deleted = 0;
        int written = 0;
        for (AgentPoll poll : polls) {
            if (poll.polledAt() < storedAt.get(poll.agentId())) {
                continue;
            }
            Map<String, String> stored = storedHolds.getOrDefault(poll.agentId(), Map.of());
            for (String service : stored.keySet()) {
                if (!poll.holds().containsKey(service)) {
                    deletes.bind("service", service).bind("agent", poll.agentId()).add();
                    deleted++;
                }
            }
            for (Map.Entry<String, String> holding : poll.holds().entrySet()) {
                if (!holding.getValue().equals(stored.get(holding.getKey()))) {
                    writes.bind("service_name", holding.getKey()).bind("agent_id", poll.agentId())
                            .bind("holds", holding.getValue()).bind("last_polled_at", poll.polledAt()).add();
                    written++;
                }
            }
            pollers.bind("agent_id", poll.agentId()).bind("holds_count", poll.count())
                    .bind("holds_hash", poll.hash()).bind("last_polled_at", poll.polledAt()).add();
        }
        if (deleted > 0) {
            deletes.execute();
        }
        if (written > 0) {
            writes.execute();
        }
        if (pollers.size() > 0) {
            pollers.execute();
        }
        return deleted + written;
    }

    @Override
    public List<AgentHolding> find(String serviceName, long polledSince) {
        return database.read(handle -> handle.createQuery("SELECT r.service_name, r.agent_id, r.holds,"
                        + " p.last_polled_at FROM policy_rollout r JOIN policy_poller p ON p.agent_id = r.agent_id"
                        + " WHERE r.service_name = :service AND p.last_polled_at >= :since ORDER BY r.agent_id")
                .bind("service", serviceName).bind("since", polledSince)
                .map((rs, ctx) -> new AgentHolding(rs.getString("service_name"), rs.getString("agent_id"),
                        rs.getString("holds"), rs.getLong("last_polled_at")))
                .list());
    }

    @Override
    public int deletePolledBefore(long cutoff) {
        return database.writeResult(handle -> {
            // Locks the agents first, so a node refreshing one meanwhile either waits and then finds it gone (and
            // stores it anew) or was first and keeps it: never a refreshed agent without its holdings.
            List<String> stale = handle.createQuery("SELECT agent_id FROM policy_poller WHERE last_polled_at < :cutoff"
                    + " ORDER BY agent_id" + database.dialect().forUpdate()).bind("cutoff", cutoff)
                    .mapTo(String.class).list();
            for (List<String> ids : Chunks.of(stale, IN_CHUNK)) {
                handle.createUpdate("DELETE FROM policy_rollout WHERE agent_id IN (<ids>)").bindList("ids", ids)
                        .execute();
                handle.createUpdate("DELETE FROM policy_poller WHERE agent_id IN (<ids>)").bindList("ids", ids)
                        .execute();
            }
            return stale.size();
        });
    }
}
