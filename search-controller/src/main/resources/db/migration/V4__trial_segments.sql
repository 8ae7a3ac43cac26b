-- Multi-fidelity segments. A trial of a campaign with a pruner trains in segments that end where the pruner may
-- stop it; each segment is a job of its own that resumes from the checkpoint the previous segment left. The trial
-- row holds its current segment; epochs keep the whole trial's numbering across segments.
ALTER TABLE trial ADD COLUMN segment INTEGER NOT NULL DEFAULT 0;
-- Epochs already trained when the current segment starts (0 for the first).
ALTER TABLE trial ADD COLUMN segment_start_epoch INTEGER NOT NULL DEFAULT 0;
-- Epoch at which the current segment stops; null: the trial's last epoch (rows older than segments).
ALTER TABLE trial ADD COLUMN segment_stop_epoch INTEGER;
-- Epochs the trial would train at full fidelity (its epochs parameter capped by maxEpochsPerTrial); null for rows
-- older than segments and for external campaigns.
ALTER TABLE trial ADD COLUMN last_epoch INTEGER;
-- The latest checkpoint: what the current segment resumes from; kept when the trial is pruned.
ALTER TABLE trial ADD COLUMN checkpoint_path VARCHAR(1000);

-- Attempts are counted per segment (each segment is a job of its own, with its own deliveries).
ALTER TABLE trial_epoch ADD COLUMN segment INTEGER NOT NULL DEFAULT 0;
ALTER TABLE trial_epoch DROP CONSTRAINT trial_epoch_unique;
ALTER TABLE trial_epoch ADD CONSTRAINT trial_epoch_unique UNIQUE (trial_id, segment, attempt, epoch);
