-- The purge of tasks past retention deletes unused stacks: it looks stacks up among the samples.
CREATE INDEX profile_sample_stack ON profile_sample (stack_id);
-- And it deletes trigger claims by task.
CREATE INDEX trigger_claim_task ON trigger_claim (task_id);
