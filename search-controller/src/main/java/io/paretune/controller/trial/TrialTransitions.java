package io.paretune.controller.trial;

import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.TrialEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;

/**
 * The one way a trial ends (Optuna's tell): a finished trial never changes state again, and every end is announced
 * as a {@link TrialEnded} event. Callers hold the campaign lock.
 */
@ApplicationScoped
public class TrialTransitions {

    static final int MAX_REASON_LENGTH = 4000;

    private final Event<TrialEnded> ended;

    public TrialTransitions(Event<TrialEnded> ended) {
        this.ended = ended;
    }

    /**
     * Moves an unfinished trial to {@code state}; returns false (and changes nothing) when it had already finished.
     *
     * @param reason why it failed or was pruned; null for COMPLETE
     */
    public boolean finish(TrialEntity trial, TrialState state, String reason, Instant now) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException(state + " is not a finished state");
        }
        if (trial.state.isFinished()) {
            return false;
        }
        trial.state = state;
        trial.failureReason = truncate(reason);
        trial.finishedAt = now;
        ended.fire(new TrialEnded(trial.campaignId, state, trial.dispatchedAt, now));
        return true;
    }

    static String truncate(String reason) {
        if (reason == null || reason.length() <= MAX_REASON_LENGTH) {
            return reason;
        }
        return reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
