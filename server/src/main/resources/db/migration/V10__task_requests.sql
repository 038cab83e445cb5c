-- The request that created a task: one on-demand request makes one task per process, and the GraphQL API shows
-- them as one task (OAP's task with one schedule per process). Earlier tasks were each their own request.
ALTER TABLE profiling_task ADD COLUMN request_id VARCHAR(64);
ALTER TABLE profiling_task ADD COLUMN process_labels VARCHAR;  -- JSON array: the labels the request selected by
UPDATE profiling_task SET request_id = id, process_labels = '[]';
CREATE INDEX profiling_task_request ON profiling_task (request_id);
