-- The exact texts behind each receipt's textHash, stored once per hash (content-addressed:
-- hash = hex SHA-256 of body, checked before storing). Kept without a retention limit: a
-- text version is not personal data, and an old receipt still needs its wording.
CREATE TABLE consent_text (
  hash      TEXT PRIMARY KEY,
  body      TEXT NOT NULL,                      -- canonical JSON, exactly as hashed
  stored_at TEXT NOT NULL
) STRICT;

-- The consent rate's denominator: how often the first layer was shown, per UTC day,
-- revision and language. A counter only: no id, no cookie, no address.
CREATE TABLE consent_shown (
  day      TEXT    NOT NULL,                    -- YYYY-MM-DD, server clock
  revision INTEGER NOT NULL CHECK (revision BETWEEN 0 AND 999999),
  language TEXT    NOT NULL,
  shown    INTEGER NOT NULL,
  PRIMARY KEY (day, revision, language)
) STRICT;
