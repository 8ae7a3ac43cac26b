package io.paretune.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where trained models are read from, under {@code paretune.artifacts} (shared with the trainer-workers). */
@ConfigMapping(prefix = "paretune.artifacts")
public interface ArtifactsConfig {

    /** Root of the artifact store; results carry paths relative to it. Default ${user.home}/.paretune/artifacts. */
    @WithDefault("${user.home}/.paretune/artifacts")
    String dir();

    /**
     * Bytes a reader inflates from one model or checkpoint file, nested zips included: a small file that inflates
     * past it (a zip bomb) is refused. The default, 4 GiB, holds a checkpoint of the largest network the catalogues
     * allow.
     */
    @WithDefault("4294967296")
    long maxUncompressedBytes();
}
