-- Tasks by their end: which NETWORK tasks network results can belong to is "every task ending after a moment",
-- and a kept-alive task can end any time after its start, so the start time cannot bound that search. The
-- expression is JdbcTaskStore's END_TIME, character for character: both databases use the index only then.
CREATE INDEX profiling_task_end ON profiling_task ((start_time + CAST(duration_seconds AS BIGINT) * 1000));
