-- Who submitted the campaign (the API key's name; "local" when authentication is off). Callers other than admins see
-- and change only campaigns of their own name; campaigns submitted before owners were recorded have none, so only
-- admins reach them.
ALTER TABLE campaign ADD COLUMN owner VARCHAR(100);
