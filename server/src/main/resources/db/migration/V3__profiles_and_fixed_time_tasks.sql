-- Fixed-time (on-demand) tasks carry the agent's extension config (NETWORK sampling rules) as JSON.
ALTER TABLE profiling_task ADD COLUMN extension_config VARCHAR;
CREATE INDEX profiling_task_update_time ON profiling_task (update_time);

-- Symbols and stacks are stored once each, under ids that hash their content: uploads from any node agree.
CREATE TABLE profile_symbol (
    id   VARCHAR(16) PRIMARY KEY,
    name VARCHAR     NOT NULL
);

CREATE TABLE profile_stack (
    id            VARCHAR(32) PRIMARY KEY,
    symbol_ids    VARCHAR     NOT NULL,  -- comma-separated profile_symbol ids, root first
    kernel_frames INTEGER     NOT NULL   -- how many of the last (leaf-side) frames are kernel-space
);

-- Samples summed per task, process, time slice and stack: a busy 10-minute task stays small.
CREATE TABLE profile_sample (
    task_id     VARCHAR(64) NOT NULL,
    process_id  VARCHAR(64) NOT NULL,
    slice_start BIGINT      NOT NULL,  -- epoch ms, a multiple of the slice length
    stack_id    VARCHAR(32) NOT NULL,
    samples     BIGINT      NOT NULL,  -- on-CPU: sum of dumpCount
    switches    BIGINT      NOT NULL,  -- off-CPU: sum of switchCount
    duration_ns BIGINT      NOT NULL,  -- off-CPU: sum of time off the CPU
    PRIMARY KEY (task_id, process_id, slice_start, stack_id)
);
