-- What a trial's model card states beyond the columns it already had: the artifact the evaluator scored (its SHA-256,
-- checked before the model is served) and the precision inference ran in, and the training facts the worker reported
-- with the model. Null for trials trained or scored before these were recorded, and for external campaigns.
ALTER TABLE trial ADD COLUMN artifact_sha256 VARCHAR(64);
ALTER TABLE trial ADD COLUMN compute_precision VARCHAR(200);
-- Seed of weight initialisation and batch shuffling the worker trained with.
ALTER TABLE trial ADD COLUMN train_seed BIGINT;
-- Epoch whose weights were kept (best validation loss), and whether early stopping ended training.
ALTER TABLE trial ADD COLUMN best_epoch INTEGER;
ALTER TABLE trial ADD COLUMN stopped_early BOOLEAN;
-- One-shot pruning (magnitude or structured) happened after this epoch; the epochs after it were fine-tuning.
ALTER TABLE trial ADD COLUMN pruned_after_epoch INTEGER;
-- Validation accuracy of the model before it was compressed: what accuracy_drop is measured against.
ALTER TABLE trial ADD COLUMN uncompressed_val_accuracy DOUBLE PRECISION;
