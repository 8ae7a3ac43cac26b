-- A cancelled pipeline campaign whose cancellation workers have not been told yet: set in the transaction that
-- cancels it, cleared once the broker has acknowledged its CampaignControl record (paretune.campaign-control). The
-- reconcile loop publishes what is set, so a controller that stops in between tells the workers after its restart.
-- Campaigns cancelled before this column existed are not announced (their trials have long ended).
ALTER TABLE campaign ADD COLUMN cancel_unpublished BOOLEAN NOT NULL DEFAULT FALSE;
