-- Processes registered by agents, keyed by the OAP-compatible process id (sha256 of process name and instance id).
CREATE TABLE process (
    id              VARCHAR(64) PRIMARY KEY,
    layer           VARCHAR     NOT NULL,
    service_name    VARCHAR     NOT NULL,
    instance_name   VARCHAR     NOT NULL,
    process_name    VARCHAR     NOT NULL,
    labels          VARCHAR     NOT NULL,  -- JSON array of strings, as received
    properties      VARCHAR     NOT NULL,  -- JSON object, after redaction
    detect_type     VARCHAR(16) NOT NULL,  -- HOST or KUBERNETES
    pid             INTEGER     NOT NULL,
    agent_id        VARCHAR     NOT NULL,
    ebpf_supported  BOOLEAN     NOT NULL,
    first_seen      BIGINT      NOT NULL,  -- epoch ms
    last_seen       BIGINT      NOT NULL,  -- epoch ms; only ever moves forward
    registered_at   BIGINT      NOT NULL   -- epoch ms of the latest reportProcesses that named it
);
CREATE INDEX process_service_instance ON process (service_name, instance_name);
CREATE INDEX process_last_seen ON process (last_seen);
CREATE INDEX process_agent ON process (agent_id);
CREATE INDEX process_service_registered ON process (service_name, registered_at);

CREATE TABLE agent (
    id         VARCHAR PRIMARY KEY,
    first_seen BIGINT  NOT NULL,
    last_seen  BIGINT  NOT NULL
);
CREATE INDEX agent_last_seen ON agent (last_seen);
