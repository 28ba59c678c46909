-- Revisions run from 0 to 999999, as the browser config and the cookie value allow
-- (the shared rule in packages/contract). Revision 0 used to be refused here, so a
-- site configured with revision 0 lost every receipt.
ALTER TABLE consent_log DROP CONSTRAINT consent_log_revision_check;
ALTER TABLE consent_log ADD CONSTRAINT consent_log_revision_check CHECK (revision BETWEEN 0 AND 999999);
