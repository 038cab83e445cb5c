-- What NETWORK tasks send back (protocol.md §8), attributed to tasks by process and time.

-- Meters summed per task, local process, peer, side, protocol, TLS, time slice, meter and status code.
-- Counters: total is the sum of the deltas, weight unused (0). Means: total is the sum of mean x weight, weight the
-- sum of the weights (the counts the means were taken over), so total / weight is the weighted mean.
CREATE TABLE network_meter (
    task_id     VARCHAR(64) NOT NULL,
    process_id  VARCHAR(64) NOT NULL,
    peer_kind   VARCHAR(16) NOT NULL,  -- process, local or address
    peer        VARCHAR     NOT NULL,  -- the peer's process id or ip:port; '' for local
    side        VARCHAR(8)  NOT NULL,  -- client or server: the local process's role
    protocol    VARCHAR     NOT NULL,
    ssl         SMALLINT    NOT NULL,  -- 1: TLS
    slice_start BIGINT      NOT NULL,  -- epoch ms, a multiple of network.slice
    meter       VARCHAR     NOT NULL,  -- the name without the agent's prefix
    code        VARCHAR     NOT NULL,  -- HTTP status code of response_status_counter; '' otherwise
    total       DOUBLE PRECISION NOT NULL,
    weight      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (task_id, process_id, peer_kind, peer, side, protocol, ssl, slice_start, meter, code)
);

-- Histogram counts merged by bucket (a bucket is its lower bound).
CREATE TABLE network_histogram (
    task_id     VARCHAR(64) NOT NULL,
    process_id  VARCHAR(64) NOT NULL,
    peer_kind   VARCHAR(16) NOT NULL,
    peer        VARCHAR     NOT NULL,
    side        VARCHAR(8)  NOT NULL,
    protocol    VARCHAR     NOT NULL,
    ssl         SMALLINT    NOT NULL,
    slice_start BIGINT      NOT NULL,
    meter       VARCHAR     NOT NULL,
    bucket      DOUBLE PRECISION NOT NULL,
    hits        BIGINT      NOT NULL,
    PRIMARY KEY (task_id, process_id, peer_kind, peer, side, protocol, ssl, slice_start, meter, bucket)
);

-- Sampled slow and failing HTTP requests (LOG_KIND = NET_PROFILING_SAMPLED_TRACE).
CREATE TABLE network_sample (
    task_id        VARCHAR(64) NOT NULL,
    trace_id       VARCHAR     NOT NULL,
    process_id     VARCHAR(64) NOT NULL,  -- the local process: the one at detect_point
    detect_point   VARCHAR(8)  NOT NULL,
    reason         VARCHAR     NOT NULL,
    sampled_at     BIGINT      NOT NULL,  -- epoch ms
    uri            VARCHAR     NOT NULL,
    latency_ms     BIGINT      NOT NULL,
    status         INTEGER     NOT NULL,
    trace_provider VARCHAR     NOT NULL,
    component      VARCHAR     NOT NULL,
    ssl            BOOLEAN     NOT NULL,
    client_peer    VARCHAR     NOT NULL,  -- JSON {processId, local, address}
    server_peer    VARCHAR     NOT NULL,
    PRIMARY KEY (task_id, trace_id, process_id, detect_point, reason)
);
CREATE INDEX network_sample_task_time ON network_sample (task_id, sampled_at);

-- HTTP content and syscall events of sampled traces; data_content masked and capped before it gets here.
CREATE TABLE network_event (
    id                BIGINT      NOT NULL PRIMARY KEY,  -- in arrival order, numbered by the store
    task_id           VARCHAR(64) NOT NULL,
    trace_id          VARCHAR     NOT NULL,
    process_id        VARCHAR(64) NOT NULL,
    event             VARCHAR     NOT NULL,
    start_time        BIGINT      NOT NULL,  -- epoch ms
    end_time          BIGINT      NOT NULL,
    segment_id        VARCHAR     NOT NULL,    span_id           VARCHAR     NOT NULL,
    tags              VARCHAR     NOT NULL,  -- JSON object of the other tags
    content           VARCHAR,               -- masked data_content, null when there was none or it was capped
    content_bytes     BIGINT      NOT NULL,  -- UTF-8 bytes of content as stored
    content_truncated BOOLEAN     NOT NULL,  -- cut by network.content.max-per-event
    content_dropped   BOOLEAN     NOT NULL   -- left out: the task reached network.content.max-per-task
);
CREATE INDEX network_event_trace ON network_event (task_id, trace_id);
