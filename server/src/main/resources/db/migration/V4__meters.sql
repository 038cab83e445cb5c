-- Continuous-profiling metrics (rover_con_p_*), one narrow row per reported value.
-- No unique key on purpose: Rover sends several HTTP values under one timestamp, and every value is kept;
-- seq (the value's position among those sharing process, metric, uri and ts in its report) orders them.
CREATE TABLE meter_point (
    process_id  VARCHAR(64)      NOT NULL,  -- Ids.processId(service, instance, process_name label)
    metric      SMALLINT         NOT NULL,  -- code of the metric, see JdbcMeterStore
    uri         VARCHAR          NOT NULL,  -- the HTTP metrics' uri label; '' for the others
    ts          BIGINT           NOT NULL,  -- epoch ms, as the agent sent it
    seq         INTEGER          NOT NULL,
    val         DOUBLE PRECISION NOT NULL   -- raw value as sent (percent, threads, load, ms)
);
CREATE INDEX meter_point_process_metric_ts ON meter_point (process_id, metric, ts);
CREATE INDEX meter_point_ts ON meter_point (ts);
