package io.paretune.controller.trial;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.messaging.InconsistentMessageException;
import io.paretune.contract.trial.ArtifactPaths;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.TrialEntity;

import java.util.Objects;

/**
 * What a worker's or the evaluator's message may claim about a trial, checked against what the controller knows
 * before anything of it is applied. Whoever can write to the topics could otherwise point the next segment at
 * another campaign's checkpoint, complete a trial that never trained, keep an abandoned attempt alive or spend the
 * retry budget with a made-up attempt number. Every claim must be one the controller's own dispatch makes possible:
 * <ul>
 *     <li>paths are exactly the ones {@link ArtifactPaths} derives for the message's trial, segment, attempt (and
 *     epoch, for a checkpoint), and only the outcome's own path is set;</li>
 *     <li>segments and attempts are ones the controller dispatched: no later segment than the trial's, no attempt
 *     of its segment beyond the next one;</li>
 *     <li>signs of life (progress of the current segment) come from the attempt that is running, never an older one
 *     the controller gave up on;</li>
 *     <li>epochs lie within the job's bounds ({@code startEpoch..stopEpoch} for the current segment, the trial's last
 *     epoch for older ones);</li>
 *     <li>a score names the attempt whose model the trial holds (a score ahead of the trial's result is a
 *     {@link ResultNotYetHeardException}, tried again before it is set aside);</li>
 *     <li>no message at all concerns an external campaign's trials, which are told over the API.</li>
 * </ul>
 * A message that fails throws {@link InconsistentMessageException} inside the handling transaction: it is rolled
 * back and the consumer dead-letters the record with the reason.
 */
final class MessageConsistency {

    private MessageConsistency() {
    }

    static void checkProgress(CampaignSpec spec, TrialEntity trial, TrialProgress p) {
        Claim claim = workerClaim("TrialProgress " + p.phase(), spec, trial, p.segment(), p.attempt(), "epoch",
                p.epoch());
        if (p.segment() == trial.segment) {
            claim.fromRunningAttempt(p.attempt());
            int first = p.phase() == TrialProgress.Phase.EPOCH ? trial.segmentStartEpoch + 1 : trial.segmentStartEpoch;
            claim.epochWithinSegment(spec, "epoch", p.epoch(), first);
        }
    }

    static void checkResult(CampaignSpec spec, TrialEntity trial, TrialResult r) {
        Claim claim = workerClaim("TrialResult " + r.outcome(), spec, trial, r.segment(), r.attempt(),
                "epochsTrained", r.epochsTrained());
        if (r.segment() == trial.segment) {
            // A failure may come before the first epoch of any segment; a model or checkpoint only from within it.
            int first = r.outcome() == TrialResult.Outcome.FAILED ? 0 : trial.segmentStartEpoch;
            claim.epochWithinSegment(spec, "epochsTrained", r.epochsTrained(), first);
        }
        String model = r.outcome() == TrialResult.Outcome.TRAINED
                ? ArtifactPaths.model(trial.campaignId, trial.id, r.segment(), r.attempt()) : null;
        String checkpoint = r.outcome() == TrialResult.Outcome.CHECKPOINTED
                ? ArtifactPaths.checkpoint(trial.campaignId, trial.id, r.epochsTrained(), r.attempt()) : null;
        claim.path("artifactPath", r.artifactPath(), model);
        claim.path("checkpointPath", r.checkpointPath(), checkpoint);
    }

    static void checkScore(CampaignSpec spec, TrialEntity trial, TrialScore s) {
        Claim claim = new Claim("TrialScore " + s.outcome(), trial);
        claim.dispatchedOverKafka(spec);
        if (s.attempt() < 1) {
            throw claim.refused("attempt " + s.attempt() + " was never dispatched");
        }
        if (trial.artifactPath == null) {
            String problem = "the trial has no trained model to score";
            throw trial.state.isFinished() ? claim.refused(problem)
                    : new ResultNotYetHeardException(claim.refusal(problem + " (yet)"));
        }
        String scored = ArtifactPaths.model(trial.campaignId, trial.id, trial.segment, s.attempt());
        if (!scored.equals(trial.artifactPath)) {
            throw claim.refused("attempt " + s.attempt() + " did not train the trial's model (" + trial.artifactPath
                    + ")");
        }
    }

    /** What every worker message claims: a job the controller dispatched, an epoch within the trial. */
    private static Claim workerClaim(String what, CampaignSpec spec, TrialEntity trial, int segment, int attempt,
                                     String epochField, int epoch) {
        Claim claim = new Claim(what, trial);
        claim.dispatchedOverKafka(spec);
        claim.dispatched(segment, attempt);
        claim.epochWithinTrial(spec, epochField, epoch);
        return claim;
    }

    /** One message's claims about one trial; each refusal names the message, the trial and what is wrong. */
    private record Claim(String what, TrialEntity trial) {

        void dispatchedOverKafka(CampaignSpec spec) {
            if (spec.isExternal()) {
                throw refused("the trial belongs to an external campaign: its values are told over the API");
            }
        }

        void dispatched(int segment, int attempt) {
            if (segment < 0 || segment > trial.segment) {
                throw refused("segment " + segment + " was never dispatched (the trial is at segment "
                        + trial.segment + ")");
            }
            if (attempt < 1 || segment == trial.segment && attempt > trial.attempt + 1) {
                throw refused("attempt " + attempt + " of segment " + segment + " was never dispatched (the latest"
                        + " is at most " + (trial.attempt + 1) + ")");
            }
        }

        /**
         * A requeued trial (WAITING after an attempt had started) waits for the next attempt: the one given up on
         * must not look alive again.
         */
        void fromRunningAttempt(int attempt) {
            int running = trial.state == TrialState.WAITING && trial.attempt > 0 ? trial.attempt + 1 : trial.attempt;
            if (attempt < running) {
                throw refused("attempt " + attempt + " is no longer running (attempt " + running + " is)");
            }
        }

        void epochWithinTrial(CampaignSpec spec, String field, int epoch) {
            int last = trial.lastEpoch != null ? trial.lastEpoch : spec.budget().maxEpochsPerTrial();
            if (epoch < 0 || epoch > last) {
                throw refused(field + " " + epoch + " is outside the trial's epochs 0.." + last);
            }
        }

        /** The current segment's job trains {@code startEpoch + 1 .. stopEpoch} (see the dispatched job). */
        void epochWithinSegment(CampaignSpec spec, String field, int epoch, int first) {
            int stop = trial.segmentStopEpoch != null ? trial.segmentStopEpoch : spec.budget().maxEpochsPerTrial();
            if (epoch < first || epoch > stop) {
                throw refused(field + " " + epoch + " is outside segment " + trial.segment + "'s epochs " + first
                        + ".." + stop);
            }
        }

        void path(String field, String claimed, String derived) {
            if (!Objects.equals(claimed, derived)) {
                throw refused(derived == null ? field + " must be absent, was " + claimed
                        : field + " " + claimed + " is not the one derived for it (" + derived + ")");
            }
        }

        InconsistentMessageException refused(String problem) {
            return new InconsistentMessageException(refusal(problem));
        }

        String refusal(String problem) {
            return what + " of trial " + trial.id + " (campaign " + trial.campaignId + ") refused: " + problem;
        }
    }
}
