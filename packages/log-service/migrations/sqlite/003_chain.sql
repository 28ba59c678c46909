-- Tamper evidence (see chain.mjs): every row carries its content hash and its link in a
-- hash chain; consent_chain holds the head. Erasure now leaves a tombstone (time and hashes,
-- no content), so the content columns may be NULL on erased rows only. Rows from before
-- this version are sealed into the chain, in seq order, by the first start after it.
CREATE TABLE consent_log_003 (
  seq              INTEGER PRIMARY KEY,
  consent_id       TEXT,                        -- UUID v4, lower case; NULL once erased
  received_at      TEXT    NOT NULL,            -- server clock, ISO 8601 UTC; drives retention and stats
  decided_at       TEXT,                        -- the browser's timestamp, exactly as sent
  revision         INTEGER CHECK (revision BETWEEN 0 AND 999999),
  action           TEXT    CHECK (action IN ('accept-all', 'reject-all', 'custom')),
  categories       TEXT,                        -- JSON object of booleans, as sent
  gpc              INTEGER CHECK (gpc IN (0, 1)),
  language         TEXT,
  url              TEXT,                        -- path only
  text_hash        TEXT,                        -- hex SHA-256 of the texts shown
  content_hash     TEXT,
  prev_hash        TEXT,
  prev_received_at TEXT,
  chain_hash       TEXT,
  erased_at        TEXT,                        -- set by DELETE /consent/:id
  erasure_hash     TEXT,
  CHECK (erased_at IS NOT NULL OR (consent_id IS NOT NULL AND decided_at IS NOT NULL AND revision IS NOT NULL AND action IS NOT NULL
         AND categories IS NOT NULL AND gpc IS NOT NULL AND language IS NOT NULL AND url IS NOT NULL AND text_hash IS NOT NULL))
) STRICT;
INSERT INTO consent_log_003 (seq, consent_id, received_at, decided_at, revision, action, categories, gpc, language, url, text_hash)
  SELECT seq, consent_id, received_at, decided_at, revision, action, categories, gpc, language, url, text_hash FROM consent_log;
DROP TABLE consent_log;
ALTER TABLE consent_log_003 RENAME TO consent_log;
CREATE INDEX consent_log_by_id ON consent_log (consent_id, seq);
CREATE INDEX consent_log_by_received ON consent_log (received_at, seq);

CREATE TABLE consent_chain (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  head_seq         INTEGER NOT NULL,            -- newest row in the chain (0: none yet)
  head_hash        TEXT    NOT NULL,
  head_received_at TEXT    NOT NULL,
  purged_before    TEXT    NOT NULL,            -- cutoff of the last retention purge ('' : none)
  legacy_seq       INTEGER NOT NULL             -- rows up to here predate the chain and are sealed at start
) STRICT;
INSERT INTO consent_chain SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000', '', '', coalesce(max(seq), 0) FROM consent_log;
