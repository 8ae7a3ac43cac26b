package io.paretune.controller.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the trainer-workers write the models the controller serves, under {@code paretune.artifacts} (the same key,
 * default and {@code PARETUNE_ARTIFACTS_DIR} variable as the workers and the evaluator). The controller only reads it.
 */
@ConfigMapping(prefix = "paretune.artifacts")
public interface ArtifactsConfig {

    /** Root of the artifact store; trial results carry paths relative to it. Default ${user.home}/.paretune/artifacts. */
    @WithDefault("${user.home}/.paretune/artifacts")
    String dir();
}
