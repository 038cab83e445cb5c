-- The policy rollout by agent (store/JdbcPolicyRolloutStore): one narrow row per polling agent, whose time every
-- node rewrites each quarter liveness window, with a digest of what the agent holds (policy/AgentPoll); the agent's
-- policy_rollout rows, one per service, change only when that changes. Their last_polled_at is now the poll that
-- wrote them; reads take the agent's time from policy_poller.
CREATE TABLE policy_poller (
    agent_id       VARCHAR NOT NULL PRIMARY KEY,
    holds_count    INTEGER NOT NULL,
    holds_hash     BIGINT  NOT NULL,
    last_polled_at BIGINT  NOT NULL
);

CREATE INDEX policy_poller_last_polled ON policy_poller (last_polled_at);
CREATE INDEX policy_rollout_agent ON policy_rollout (agent_id);
DROP INDEX policy_rollout_last_polled;

-- Holdings without an agent row are read by nobody; every agent's next poll writes them again.
DELETE FROM policy_rollout;
