package io.paretune.cli;

import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.api.ControllerUnreachableException;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.trial.TrialState;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows a campaign until it is finished, printing what changed since the last look as timestamped lines (one
 * per trial start, epoch and end), so the output reads the same on a terminal, in a pipe and in a CI log.
 */
final class CampaignWatcher {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Duration GIVE_UP_UNREACHABLE = Duration.ofSeconds(90);

    private final ControllerClient client;
    private final PrintStream out;
    private final Duration interval;
    private final Integer maxEpochsHint;

    private final Map<String, Seen> seen = new HashMap<>();
    private String lastState;
    private String lastCounts;

    /** What has been printed for one trial. */
    private static final class Seen {
        TrialState state;
        String workerId;
        int epochs;
        boolean metrics;
    }

    /**
     * @param maxEpochsHint the campaign's maxEpochsPerTrial when known (from the spec file), for "epoch k/n"
     */
    CampaignWatcher(ControllerClient client, PrintStream out, Duration interval, Integer maxEpochsHint) {
        this.client = client;
        this.out = out;
        this.interval = interval;
        this.maxEpochsHint = maxEpochsHint;
    }

    /** Polls until the campaign is finished and returns its final state; the controller may restart meanwhile. */
    CampaignDetail watch(String id) throws InterruptedException {
        long unreachableSince = -1;
        while (true) {
            try {
                CampaignDetail campaign = client.campaign(id);
                List<TrialView> trials = client.trials(id);
                if (unreachableSince >= 0) {
                    print("controller answering again");
                    unreachableSince = -1;
                }
                report(campaign, trials);
                // Trials are read after the campaign, so a finished campaign's last scores are already printed.
                if (campaign.state().isFinished()) {
                    return campaign;
                }
            } catch (ControllerUnreachableException e) {
                long now = System.nanoTime();
                if (unreachableSince < 0) {
                    unreachableSince = now;
                    print("controller not answering; retrying for up to " + GIVE_UP_UNREACHABLE.toSeconds() + " s");
                } else if (now - unreachableSince > GIVE_UP_UNREACHABLE.toNanos()) {
                    throw e;
                }
            }
            Thread.sleep(interval.toMillis());
        }
    }

    void report(CampaignDetail campaign, List<TrialView> trials) {
        boolean finished = campaign.state().isFinished();
        // A finished campaign's state comes last, after the trial lines that led to it.
        if (!finished) {
            reportState(campaign);
        }
        Integer maxEpochs = maxEpochsHint != null ? maxEpochsHint : maxEpochs(campaign);
        boolean external = Reports.isExternal(campaign);
        for (TrialView t : Reports.byNumber(trials)) {
            if (external) {
                reportAskedTrial(t);
            } else {
                reportTrial(t, maxEpochs, Reports.modelFamily(campaign));
            }
        }
        String counts = Formats.trialCounts(campaign.trialCounts());
        if (!counts.equals(lastCounts)) {
            print("trials: " + counts);
            lastCounts = counts;
        }
        if (finished) {
            reportState(campaign);
        }
    }

    private void reportState(CampaignDetail campaign) {
        String state = campaign.state().name();
        if (state.equals(lastState)) {
            return;
        }
        print("campaign " + campaign.name() + " " + state + Reports.reason(campaign.reason())
                + (lastState == null ? " · sampler " + campaign.sampler() + ", seed " + campaign.seed()
                + " · objectives " + Formats.objectives(campaign.objectives()) : ""));
        lastState = state;
    }

    private void reportTrial(TrialView t, Integer maxEpochs, String family) {
        Seen s = seen.computeIfAbsent(t.id(), k -> new Seen());
        String label = String.format(Locale.ROOT, "trial #%-3d", t.number());
        TrialState state = t.state();
        boolean restarted = t.workerId() != null && s.workerId != null && !t.workerId().equals(s.workerId);
        if (state == TrialState.RUNNING && (state != s.state || restarted)) {
            print(label + " RUNNING on " + (t.workerId() == null ? "a worker" : t.workerId())
                    + (t.attempt() > 1 ? " (attempt " + t.attempt() + ")" : "") + " · "
                    + TrialFacts.shortDescription(t, family));
        }
        List<TrialView.EpochView> history = t.history() == null ? List.of() : t.history();
        if (history.size() < s.epochs) {
            s.epochs = 0; // a redelivered trial starts its history again
        }
        Integer planned = TrialFacts.epochsPlanned(t, maxEpochs);
        for (int i = s.epochs; i < history.size(); i++) {
            TrialView.EpochView e = history.get(i);
            print(label + " epoch " + e.epoch() + (planned == null ? "" : "/" + planned)
                    + "  loss " + (e.trainLoss() == null ? Formats.NONE : String.format(Locale.ROOT, "%.4f", e.trainLoss()))
                    + "  val acc " + Formats.accuracy(e.valAccuracy())
                    + "  " + Formats.seconds(e.epochSeconds())
                    + "  " + Formats.count(e.samplesPerSecond()) + " samples/s");
        }
        s.epochs = history.size();
        boolean ended = state.isFinished();
        if (ended && (state != s.state || (TrialFacts.hasMetrics(t) && !s.metrics))) {
            StringBuilder line = new StringBuilder(label + " " + state);
            if (TrialFacts.hasMetrics(t)) {
                line.append("  val acc ").append(Formats.accuracy(TrialFacts.metric(t, "val_accuracy")))
                        .append("  test acc ").append(Formats.accuracy(TrialFacts.metric(t, "test_accuracy")))
                        .append("  p50 ").append(Formats.millis(TrialFacts.metric(t, "latency_ms_p50"))).append(" ms")
                        .append("  ").append(Formats.count(TrialFacts.metric(t, "param_count"))).append(" params");
                s.metrics = true;
            } else if (state == TrialState.COMPLETE) {
                line.append("  (scores pending)");
            }
            if (t.failureReason() != null) {
                line.append("  reason: ").append(t.failureReason());
            }
            print(line.toString());
        }
        s.state = state;
        if (t.workerId() != null) {
            s.workerId = t.workerId();
        }
    }

    /** A trial of an ask/tell campaign: asked (with its parameters), then how it ended, in the user's own names. */
    private void reportAskedTrial(TrialView t) {
        Seen s = seen.computeIfAbsent(t.id(), k -> new Seen());
        String label = String.format(Locale.ROOT, "trial #%-3d", t.number());
        TrialState state = t.state();
        if (s.state == null) {
            print(label + " asked · " + Formats.params(t.params()));
        }
        if (state != TrialState.RUNNING && state != s.state) {
            StringBuilder line = new StringBuilder(label + " " + state);
            if (TrialFacts.hasMetrics(t)) {
                line.append("  ").append(Formats.metrics(t.metrics()));
            }
            int steps = t.intermediate() == null ? 0 : t.intermediate().size();
            if (steps > 0) {
                line.append("  (").append(steps).append(steps == 1 ? " step" : " steps").append(" reported)");
            }
            if (t.failureReason() != null) {
                line.append("  reason: ").append(t.failureReason());
            }
            print(line.toString());
        }
        s.state = state;
    }

    private static Integer maxEpochs(CampaignDetail campaign) {
        int max = campaign.spec() == null || campaign.spec().budget() == null ? 0
                : campaign.spec().budget().maxEpochsPerTrial();
        return max > 0 ? max : null;
    }

    private void print(String line) {
        out.println(LocalTime.now().format(CLOCK) + "  " + line);
        out.flush();
    }
}
