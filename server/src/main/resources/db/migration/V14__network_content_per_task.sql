-- The masked content bytes stored per task, kept with every write of events: the per-task content cap reads one
-- row per task instead of summing all of the task's events on every NETWORK stream.
CREATE TABLE network_content (
    task_id VARCHAR(64) NOT NULL PRIMARY KEY,
    bytes   BIGINT      NOT NULL
);
INSERT INTO network_content (task_id, bytes)
    SELECT task_id, SUM(content_bytes) FROM network_event GROUP BY task_id;
