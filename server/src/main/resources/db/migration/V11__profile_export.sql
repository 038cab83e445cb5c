-- Pushes of ON_CPU/OFF_CPU profiles to Pyroscope (export.pyroscope.url, see docs/pyroscope.md). A task has a row
-- from its first push on: an ended task without one, or with one still undecided whose next_attempt_at has come,
-- is due. Rows go with their task (the purge of tasks past task.retention).
CREATE TABLE profile_export (
    task_id         VARCHAR(64) PRIMARY KEY,
    attempts        INTEGER     NOT NULL,  -- pushes tried so far
    next_attempt_at BIGINT      NOT NULL,  -- epoch ms; the back-off of a push that failed but may succeed later
    outcome         VARCHAR(16),           -- pushed | empty | failed; NULL while it is retried
    done_at         BIGINT,
    last_error      VARCHAR                -- what Pyroscope (or the connection) said last, for operators
);
-- Each run looks up the undecided ones (few) among all kept (one per CPU task of task.retention).
CREATE INDEX profile_export_undecided ON profile_export (outcome, next_attempt_at);
