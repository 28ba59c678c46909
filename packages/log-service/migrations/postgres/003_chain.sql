-- Tamper evidence (see chain.mjs): every row carries its content hash and its link in a
-- hash chain; consent_chain holds the head. Erasure now leaves a tombstone (time and hashes,
-- no content), so the content columns may be NULL on erased rows only. Rows from before
-- this version are sealed into the chain, in seq order, by the first start after it.
ALTER TABLE consent_log
  ALTER COLUMN consent_id DROP NOT NULL,
  ALTER COLUMN decided_at DROP NOT NULL,
  ALTER COLUMN revision DROP NOT NULL,
  ALTER COLUMN action DROP NOT NULL,
  ALTER COLUMN categories DROP NOT NULL,
  ALTER COLUMN gpc DROP NOT NULL,
  ALTER COLUMN language DROP NOT NULL,
  ALTER COLUMN url DROP NOT NULL,
  ALTER COLUMN text_hash DROP NOT NULL,
  ADD COLUMN content_hash text,
  ADD COLUMN prev_hash text,
  ADD COLUMN prev_received_at text,            -- ISO 8601 text, exactly as hashed
  ADD COLUMN chain_hash text,
  ADD COLUMN erased_at timestamptz,            -- set by DELETE /consent/:id
  ADD COLUMN erasure_hash text,
  ADD CONSTRAINT consent_log_content_check CHECK (erased_at IS NOT NULL OR (consent_id IS NOT NULL AND decided_at IS NOT NULL
    AND revision IS NOT NULL AND action IS NOT NULL AND categories IS NOT NULL AND gpc IS NOT NULL AND language IS NOT NULL
    AND url IS NOT NULL AND text_hash IS NOT NULL));
-- verify reads the chain in seq order; export reads a day range in (received_at, seq) order.
CREATE INDEX consent_log_by_seq ON consent_log (seq);
DROP INDEX consent_log_by_received;
CREATE INDEX consent_log_by_received ON consent_log (received_at, seq);

CREATE TABLE consent_chain (
  id               integer PRIMARY KEY CHECK (id = 1),
  head_seq         bigint  NOT NULL,            -- newest row in the chain (0: none yet)
  head_hash        text    NOT NULL,
  head_received_at text    NOT NULL,
  purged_before    text    NOT NULL,            -- cutoff of the last retention purge ('' : none)
  legacy_seq       bigint  NOT NULL             -- rows up to here predate the chain and are sealed at start
);
INSERT INTO consent_chain SELECT 1, 0, repeat('0', 64), '', '', coalesce(max(seq), 0) FROM consent_log;
