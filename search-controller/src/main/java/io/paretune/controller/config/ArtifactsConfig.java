package io.paretune.controller.config;

import io.paretune.artifacts.ArtifactStoreConfig;
import io.smallrye.config.ConfigMapping;

/**
 * The artifact store the trainer-workers write models into and the controller serves downloads from, under
 * {@code paretune.artifacts}: the same keys, defaults and {@code PARETUNE_ARTIFACTS_*} variables as the workers and
 * the evaluator (a shared directory, or S3-compatible object storage). The controller only reads it.
 */
@ConfigMapping(prefix = "paretune.artifacts")
public interface ArtifactsConfig extends ArtifactStoreConfig {
}
