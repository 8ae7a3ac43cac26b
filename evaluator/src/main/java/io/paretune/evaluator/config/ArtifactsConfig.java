package io.paretune.evaluator.config;

import io.paretune.artifacts.ArtifactStoreConfig;
import io.smallrye.config.ConfigMapping;

/**
 * Where trained models are read from, under {@code paretune.artifacts} (the same keys as the trainer-workers): a shared
 * directory or S3-compatible object storage.
 */
@ConfigMapping(prefix = "paretune.artifacts")
public interface ArtifactsConfig extends ArtifactStoreConfig {
}
