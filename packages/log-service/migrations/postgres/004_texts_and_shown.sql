-- The exact texts behind each receipt's textHash, stored once per hash (content-addressed:
-- hash = hex SHA-256 of body, checked before storing). Kept without a retention limit: a
-- text version is not personal data, and an old receipt still needs its wording.
CREATE TABLE consent_text (
  hash      text PRIMARY KEY,
  body      text NOT NULL,                      -- canonical JSON, exactly as hashed
  stored_at timestamptz NOT NULL
);

-- The consent rate's denominator: how often the first layer was shown, per UTC day,
-- revision and language. A counter only: no id, no cookie, no address.
CREATE TABLE consent_shown (
  day      date    NOT NULL,                    -- server clock, UTC
  revision integer NOT NULL CHECK (revision BETWEEN 0 AND 999999),
  language text    NOT NULL,
  shown    bigint  NOT NULL,
  PRIMARY KEY (day, revision, language)
);
