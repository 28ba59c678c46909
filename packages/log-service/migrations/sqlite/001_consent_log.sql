-- The consent log: one row per receipt, append-only except for erasure and retention.
-- No column for an IP address, a user agent or any other request metadata, by design.
CREATE TABLE consent_log (
  -- The rowid: each insert lands at the right-hand end of the b-tree.
  seq         INTEGER PRIMARY KEY,
  consent_id  TEXT    NOT NULL,                -- UUID v4, lower case
  received_at TEXT    NOT NULL,                -- server clock, ISO 8601 UTC; drives retention and stats
  decided_at  TEXT    NOT NULL,                -- the browser's timestamp, exactly as sent
  revision    INTEGER NOT NULL CHECK (revision >= 1),
  action      TEXT    NOT NULL CHECK (action IN ('accept-all', 'reject-all', 'custom')),
  categories  TEXT    NOT NULL,                -- JSON object of booleans, as sent
  gpc         INTEGER NOT NULL CHECK (gpc IN (0, 1)),
  language    TEXT    NOT NULL,
  url         TEXT    NOT NULL,                -- path only
  text_hash   TEXT    NOT NULL                 -- hex SHA-256 of the texts shown
) STRICT;

-- History and erasure by consent id.
CREATE INDEX consent_log_by_id ON consent_log (consent_id, seq);
-- Retention purge and per-day stats.
CREATE INDEX consent_log_by_received ON consent_log (received_at);
