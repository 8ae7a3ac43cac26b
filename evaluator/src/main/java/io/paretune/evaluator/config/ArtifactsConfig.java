package io.paretune.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where trained models are read from, under {@code paretune.artifacts} (shared with the trainer-workers). */
@ConfigMapping(prefix = "paretune.artifacts")
public interface ArtifactsConfig {

    /** Root of the artifact store; results carry paths relative to it. Default ${user.home}/.paretune/artifacts. */
    @WithDefault("${user.home}/.paretune/artifacts")
    String dir();
}
