package io.paretune.worker.training;

/** Told after every finished epoch, on the training thread; it should return quickly. */
@FunctionalInterface
public interface EpochListener {

    EpochListener NONE = stats -> { };

    void epochFinished(EpochStats stats);
}
