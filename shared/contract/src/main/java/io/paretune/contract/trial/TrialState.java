package io.paretune.contract.trial;

/** Life of a trial, as in Optuna: a finished trial (COMPLETE, PRUNED, FAIL) never changes again. */
public enum TrialState {
    /** Proposed and queued as a job; no worker has started it. */
    WAITING,
    /** A worker trains it, or the evaluator scores it. */
    RUNNING,
    /** Trained and scored; its objective values are known. */
    COMPLETE,
    /** Stopped early by a scheduler. */
    PRUNED,
    /** Failed, with a reason. */
    FAIL;

    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
