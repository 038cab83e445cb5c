-- The current continuous-profiling policy of each service. targets holds the canonical JSON form.
CREATE TABLE policy (
    service_name VARCHAR     PRIMARY KEY,
    version      VARCHAR(64) NOT NULL,
    targets      VARCHAR     NOT NULL,
    updated_at   BIGINT      NOT NULL
);

-- Every version ever stored, so the policy an agent holds can be read when answering its poll.
CREATE TABLE policy_version (
    version      VARCHAR(64) PRIMARY KEY,
    service_name VARCHAR     NOT NULL,
    targets      VARCHAR     NOT NULL,
    created_at   BIGINT      NOT NULL
);

-- Profiling tasks: triggered by a policy on an agent, or asked for by a person (fixed time).
CREATE TABLE profiling_task (
    id                    VARCHAR(64) PRIMARY KEY,
    trigger_type          VARCHAR(32) NOT NULL,
    target                VARCHAR(16) NOT NULL,
    service_name          VARCHAR     NOT NULL,
    instance_name         VARCHAR,
    process_name          VARCHAR,
    start_time            BIGINT      NOT NULL,
    duration_seconds      INTEGER     NOT NULL,
    created_at            BIGINT      NOT NULL,
    update_time           BIGINT      NOT NULL,
    causes                VARCHAR     NOT NULL,  -- JSON array
    cause_message         VARCHAR     NOT NULL,
    sampling_uri_regexes  VARCHAR     NOT NULL,  -- JSON array
    repeats               INTEGER     NOT NULL,
    stopped_at            BIGINT
);
CREATE INDEX profiling_task_service_start ON profiling_task (service_name, start_time);
CREATE INDEX profiling_task_start ON profiling_task (start_time);

CREATE TABLE profiling_task_process (
    task_id    VARCHAR(64) NOT NULL,
    process_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (task_id, process_id)
);
CREATE INDEX profiling_task_process_process ON profiling_task_process (process_id);

-- The task that currently profiles a (process, target), until expires_at: one task per trigger across nodes.
CREATE TABLE trigger_claim (
    process_id VARCHAR(64) NOT NULL,
    target     VARCHAR(16) NOT NULL,
    task_id    VARCHAR(64) NOT NULL,
    expires_at BIGINT      NOT NULL,
    PRIMARY KEY (process_id, target)
);

CREATE TABLE trigger_refusal (
    service_name    VARCHAR PRIMARY KEY,
    refusals        BIGINT  NOT NULL,
    last_refused_at BIGINT  NOT NULL
);

-- queryPolicies re-sends services that gained processes recently.
CREATE INDEX process_registered ON process (registered_at);
