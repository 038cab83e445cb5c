-- Which version of a service's policy each agent says it holds (without the URI-filter variant, '' for none) and
-- when it last polled. Written coalesced by every node (policy/PolicyRollout); rows past the liveness window are
-- purged.
CREATE TABLE policy_rollout (
    service_name   VARCHAR     NOT NULL,
    agent_id       VARCHAR     NOT NULL,
    holds          VARCHAR     NOT NULL,
    last_polled_at BIGINT      NOT NULL,
    PRIMARY KEY (service_name, agent_id)
);

CREATE INDEX policy_rollout_last_polled ON policy_rollout (last_polled_at);
