package io.paretune.controller.trial;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.messaging.InconsistentMessageException;
import io.paretune.contract.trial.ArtifactPaths;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.testing.Messages;
import io.paretune.controller.testing.Specs;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.paretune.contract.trial.TrialProgress.Phase.EPOCH;
import static io.paretune.contract.trial.TrialProgress.Phase.HEARTBEAT;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claims a message may make about a trial, on trials built in memory (no database, no broker). */
class MessageConsistencyTest {

    private static final CampaignSpec SPEC = parse(Specs.withPruner(Specs.valid(4, 2), 3)); // 3 epochs per trial
    private final Messages m = new Messages("c-1", "t-1");

    /** Trial t-1 of campaign c-1 at {@code segment}, epochs {@code start+1..stop}, attempt {@code attempt} heard. */
    private static TrialEntity trial(TrialState state, int segment, int start, int stop, int attempt) {
        TrialEntity t = new TrialEntity();
        t.id = "t-1";
        t.campaignId = "c-1";
        t.state = state;
        t.segment = segment;
        t.segmentStartEpoch = start;
        t.segmentStopEpoch = stop;
        t.lastEpoch = 3;
        t.attempt = attempt;
        return t;
    }

    @Test
    void progressOfTheRunningAttemptWithinItsSegmentPasses() {
        TrialEntity running = trial(TrialState.RUNNING, 1, 1, 2, 1);
        assertThatCode(() -> MessageConsistency.checkProgress(SPEC, running, m.progress(1, EPOCH, 1, "w", 2, 0.5)))
                .doesNotThrowAnyException();
        assertThatCode(() -> MessageConsistency.checkProgress(SPEC, running, m.progress(1, HEARTBEAT, 2, "w", 1, null)))
                .as("the next attempt may start before the controller hears the old one gave up")
                .doesNotThrowAnyException();
        assertThatCode(() -> MessageConsistency.checkProgress(SPEC, running, m.progress(0, EPOCH, 4, "w", 1, 0.4)))
                .as("a late epoch of an earlier segment is history").doesNotThrowAnyException();
    }

    @Test
    void heartbeatsOfAnAttemptGivenUpOnAreRefused() {
        refused(() -> MessageConsistency.checkProgress(SPEC, trial(TrialState.RUNNING, 0, 0, 1, 2),
                m.progress(0, HEARTBEAT, 1, "w", 0, null)), "attempt 1 is no longer running (attempt 2 is)");
        refused(() -> MessageConsistency.checkProgress(SPEC, trial(TrialState.WAITING, 0, 0, 1, 1),
                m.progress(0, HEARTBEAT, 1, "w", 0, null)), "attempt 1 is no longer running (attempt 2 is)");
    }

    @Test
    void attemptsAndSegmentsNeverDispatchedAreRefused() {
        TrialEntity running = trial(TrialState.RUNNING, 0, 0, 1, 1);
        refused(() -> MessageConsistency.checkProgress(SPEC, running, m.progress(0, HEARTBEAT, 1_000_000, "w", 0, null)),
                "attempt 1000000 of segment 0 was never dispatched");
        refused(() -> MessageConsistency.checkProgress(SPEC, running, m.progress(0, HEARTBEAT, 0, "w", 0, null)),
                "attempt 0 of segment 0 was never dispatched");
        refused(() -> MessageConsistency.checkResult(SPEC, running, m.checkpointed(1, 1, "w", 2, 0.5)),
                "segment 1 was never dispatched");
    }

    @Test
    void epochsOutsideTheJobsBoundsAreRefused() {
        TrialEntity running = trial(TrialState.RUNNING, 1, 1, 2, 1);
        refused(() -> MessageConsistency.checkProgress(SPEC, running, m.progress(1, EPOCH, 1, "w", 3, 0.5)),
                "epoch 3 is outside segment 1's epochs 2..2");
        refused(() -> MessageConsistency.checkProgress(SPEC, running, m.progress(1, EPOCH, 1, "w", 1, 0.5)),
                "epoch 1 is outside segment 1's epochs 2..2");
        refused(() -> MessageConsistency.checkProgress(SPEC, running, m.progress(0, EPOCH, 1, "w", 1_000, 0.5)),
                "epoch 1000 is outside the trial's epochs 0..3");
        refused(() -> MessageConsistency.checkResult(SPEC, running, m.checkpointed(1, 1, "w", 3, 0.5)),
                "epochsTrained 3 is outside segment 1's epochs 1..2");
    }

    @Test
    void pathsMustBeTheDerivedOnesOfTheMessagesOwnTrialAndAttempt() {
        TrialEntity running = trial(TrialState.RUNNING, 0, 0, 3, 1);
        assertThatCode(() -> MessageConsistency.checkResult(SPEC, running,
                m.trained(0, 1, "w", 3, ArtifactPaths.model("c-1", "t-1", 0, 1)))).doesNotThrowAnyException();
        refused(() -> MessageConsistency.checkResult(SPEC, running,
                m.trained(0, 1, "w", 3, ArtifactPaths.model("c-2", "t-9", 0, 1))), "artifactPath c-2/t-9/");
        refused(() -> MessageConsistency.checkResult(SPEC, running,
                m.trained(0, 1, "w", 3, ArtifactPaths.model("c-1", "t-1", 0, 2))), "is not the one derived for it");
        refused(() -> MessageConsistency.checkResult(SPEC, running, Messages.withPaths(m.failed(1, "w", "x"),
                "c-1/t-1/model-attempt-1.zip", null)), "artifactPath must be absent");

        TrialEntity segmented = trial(TrialState.RUNNING, 0, 0, 1, 1);
        TrialResult foreign = Messages.withPaths(m.checkpointed(0, 1, "w", 1, 0.5), null,
                ArtifactPaths.checkpoint("c-2", "t-9", 1, 1));
        refused(() -> MessageConsistency.checkResult(SPEC, segmented, foreign), "checkpointPath c-2/t-9/");
    }

    @Test
    void aScoreNeedsTheModelOfItsAttempt() {
        TrialEntity trained = trial(TrialState.RUNNING, 0, 0, 3, 2);
        trained.artifactPath = ArtifactPaths.model("c-1", "t-1", 0, 2);
        assertThatCode(() -> MessageConsistency.checkScore(SPEC, trained, m.scored(2, 0.8)))
                .doesNotThrowAnyException();
        refused(() -> MessageConsistency.checkScore(SPEC, trained, m.scored(1, 0.8)),
                "attempt 1 did not train the trial's model");
        refused(() -> MessageConsistency.checkScore(SPEC, trial(TrialState.FAIL, 0, 0, 3, 1), m.scored(0.8)),
                "the trial has no trained model to score");
        assertThatThrownBy(() -> MessageConsistency.checkScore(SPEC, trial(TrialState.RUNNING, 0, 0, 3, 1),
                m.scored(0.8))).as("its result may still be on its way").isInstanceOf(ResultNotYetHeardException.class)
                .hasMessageEndingWith("the trial has no trained model to score (yet)");
    }

    @Test
    void noMessageConcernsAnExternalCampaign() {
        CampaignSpec external = parse(Specs.parse("""
                {"evaluation": "external", "searchSpace": {"x": {"type": "float", "low": 0, "high": 1}},
                 "objectives": [{"metric": "loss", "direction": "minimize"}], "budget": {"maxTrials": 10}}"""));
        refused(() -> MessageConsistency.checkProgress(external, trial(TrialState.RUNNING, 0, 0, 0, 0),
                m.started(1, "w")), "external campaign");
    }

    private static void refused(ThrowingCallable check, String reason) {
        assertThatThrownBy(check).isInstanceOf(InconsistentMessageException.class)
                .hasMessageContaining("of trial t-1 (campaign c-1) refused: ").hasMessageContaining(reason);
    }

    private static CampaignSpec parse(ObjectNode json) {
        CampaignSpecParser.Parsed parsed = new CampaignSpecParser(Set.of("random")).parse(json);
        if (!parsed.isValid()) {
            throw new IllegalArgumentException(parsed.errors().toString());
        }
        return parsed.spec();
    }
}
