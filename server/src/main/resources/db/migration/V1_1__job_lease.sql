-- Leases of cluster-wide background jobs (purges): the node named by holder runs the job until expires_at.
-- Numbered 1.1 so that V2..V4 stay free for the capabilities that reserved them.
CREATE TABLE job_lease (
    job        VARCHAR PRIMARY KEY,
    holder     VARCHAR NOT NULL,
    expires_at BIGINT  NOT NULL  -- epoch ms, on the holder's clock
);
