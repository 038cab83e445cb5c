-- Liveness by agent (docs/design.md, "Liveness writes"): a process an agent keeps reporting is "held" by that agent,
-- and its last seen is the later of its own last_seen and the agent's members_seen, the time of the agent's latest
-- heartbeat that named every process it holds. A steady heartbeat then writes one narrow agent row instead of one
-- process row per process. members and members_hash digest the held set (and their eBPF flags) so a flush can tell,
-- without reading the processes, that a heartbeat names exactly that set; members = -1 means "not known, recount".
ALTER TABLE process ADD COLUMN held BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE agent ADD COLUMN members_seen BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE agent ADD COLUMN members INTEGER DEFAULT -1 NOT NULL;
ALTER TABLE agent ADD COLUMN members_hash BIGINT DEFAULT 0 NOT NULL;
