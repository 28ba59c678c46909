-- The consent log: one row per receipt, append-only except for erasure and retention.
-- No column for an IP address, a user agent or any other request metadata, by design.
--
-- Partitioned by month of received_at (the server clock): an insert touches only the
-- current month's small heap and indexes, and retention drops whole old partitions
-- instead of deleting row by row. The store creates partitions ahead of time.
CREATE TABLE consent_log (
  seq         bigserial   NOT NULL,            -- arrival order within one consent id
  consent_id  uuid        NOT NULL,
  received_at timestamptz NOT NULL,
  decided_at  text        NOT NULL,            -- the browser's timestamp, exactly as sent
  revision    integer     NOT NULL CHECK (revision >= 1),
  action      text        NOT NULL CHECK (action IN ('accept-all', 'reject-all', 'custom')),
  categories  json        NOT NULL,            -- json, not jsonb: keeps the key order as sent
  gpc         boolean     NOT NULL,
  language    text        NOT NULL,
  url         text        NOT NULL,            -- path only
  text_hash   text        NOT NULL             -- hex SHA-256 of the texts shown
) PARTITION BY RANGE (received_at);

-- History and erasure by consent id: one small index probe per partition.
CREATE INDEX consent_log_by_id ON consent_log (consent_id, seq);
-- Per-day stats and the boundary month of the retention purge.
CREATE INDEX consent_log_by_received ON consent_log (received_at);
