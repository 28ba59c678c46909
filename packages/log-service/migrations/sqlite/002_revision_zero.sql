-- Revisions run from 0 to 999999, as the browser config and the cookie value allow
-- (the shared rule in packages/contract). Revision 0 used to be refused here, so a
-- site configured with revision 0 lost every receipt. SQLite cannot change a CHECK
-- in place: the table is rebuilt with the same rows and seq values.
CREATE TABLE consent_log_002 (
  seq         INTEGER PRIMARY KEY,
  consent_id  TEXT    NOT NULL,
  received_at TEXT    NOT NULL,
  decided_at  TEXT    NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision BETWEEN 0 AND 999999),
  action      TEXT    NOT NULL CHECK (action IN ('accept-all', 'reject-all', 'custom')),
  categories  TEXT    NOT NULL,
  gpc         INTEGER NOT NULL CHECK (gpc IN (0, 1)),
  language    TEXT    NOT NULL,
  url         TEXT    NOT NULL,
  text_hash   TEXT    NOT NULL
) STRICT;
INSERT INTO consent_log_002 SELECT seq, consent_id, received_at, decided_at, revision, action, categories, gpc, language, url, text_hash FROM consent_log;
DROP TABLE consent_log;
ALTER TABLE consent_log_002 RENAME TO consent_log;
CREATE INDEX consent_log_by_id ON consent_log (consent_id, seq);
CREATE INDEX consent_log_by_received ON consent_log (received_at);
