package io.paretune.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the data set lives, under {@code paretune.dataset} (the same key in every service). */
@ConfigMapping(prefix = "paretune.dataset")
public interface DatasetConfig {

    /** Directory holding the Fashion-MNIST IDX files. Default /usr/share/datasets/fashion-mnist (Debian package). */
    @WithDefault("/usr/share/datasets/fashion-mnist")
    String dir();
}
