package io.groundstation.store;

import io.groundstation.policy.AgentHolding;
import io.groundstation.policy.PolicyRolloutStore;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The policy rollout in table {@code policy_rollout}; a write from a node that saw an older poll changes nothing. */
public final class JdbcPolicyRolloutStore implements PolicyRolloutStore {

    private static final String NEWER = "NEW.last_polled_at >= OLD.last_polled_at";

    private final Database database;
    private final String save;

    public JdbcPolicyRolloutStore(Database database) {
        this.database = database;
        this.save = Upsert.sql("policy_rollout", List.of("service_name", "agent_id"),
                List.of("service_name", "agent_id", "holds", "last_polled_at"), Map.of(
                        "holds", "CASE WHEN " + NEWER + " THEN NEW.holds ELSE OLD.holds END",
                        "last_polled_at", database.dialect().greatest("OLD.last_polled_at", "NEW.last_polled_at")));
    }

    @Override
    public void save(Collection<AgentHolding> holdings) {
        // One key order for every node's batch, so two nodes writing the same rows cannot deadlock.
        List<AgentHolding> ordered = holdings.stream().sorted(Comparator.comparing(AgentHolding::serviceName)
                .thenComparing(AgentHolding::agentId)).toList();
        database.write(handle -> {
            PreparedBatch batch = handle.prepareBatch(save);
            for (AgentHolding h : ordered) {
                batch.bind("service_name", h.serviceName()).bind("agent_id", h.agentId()).bind("holds", h.holds())
                        .bind("last_polled_at", h.lastPolledAt()).add();
            }
            batch.execute();
        });
    }

    @Override
    public List<AgentHolding> find(String serviceName, long polledSince) {
        return database.read(handle -> handle.createQuery("SELECT service_name, agent_id, holds,"
                        + " last_polled_at FROM policy_rollout WHERE service_name = :service"
                        + " AND last_polled_at >= :since ORDER BY agent_id")
                .bind("service", serviceName).bind("since", polledSince)
                .map((rs, ctx) -> new AgentHolding(rs.getString("service_name"), rs.getString("agent_id"),
                        rs.getString("holds"), rs.getLong("last_polled_at")))
                .list());
    }

    @Override
    public int deletePolledBefore(long cutoff) {
        return database.writeResult(handle -> handle.createUpdate(
                "DELETE FROM policy_rollout WHERE last_polled_at < :cutoff").bind("cutoff", cutoff).execute());
    }
}
