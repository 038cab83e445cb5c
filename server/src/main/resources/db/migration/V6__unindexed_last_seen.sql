-- Keep-alives move last_seen of every process every 20 s: with last_seen indexed, each of those updates also
-- rewrote index entries (and on PostgreSQL could never be a heap-only update). The queries that filter on it (the
-- hourly purge, alive counts) go through the service or agent index or scan, which is cheap by comparison.
DROP INDEX process_last_seen;
DROP INDEX agent_last_seen;
