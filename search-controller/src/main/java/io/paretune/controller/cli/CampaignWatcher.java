package io.paretune.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Follows a campaign until it is finished, printing what changed since the last look as timestamped lines (one
 * per trial start, epoch and end), so the output reads the same on a terminal, in a pipe and in a CI log.
 */
final class CampaignWatcher {

    static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "CANCELLED");
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
        String state;
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
    JsonNode watch(String id) throws InterruptedException {
        long unreachableSince = -1;
        while (true) {
            try {
                JsonNode campaign = client.campaign(id);
                JsonNode trials = client.trials(id);
                if (unreachableSince >= 0) {
                    print("controller answering again");
                    unreachableSince = -1;
                }
                report(campaign, trials);
                // Trials are read after the campaign, so a finished campaign's last scores are already printed.
                if (FINISHED.contains(campaign.path("state").asText())) {
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

    void report(JsonNode campaign, JsonNode trials) {
        boolean finished = FINISHED.contains(campaign.path("state").asText());
        // A finished campaign's state comes last, after the trial lines that led to it.
        if (!finished) {
            reportState(campaign);
        }
        Integer maxEpochs = maxEpochsHint != null ? maxEpochsHint : maxEpochs(campaign);
        boolean external = Reports.isExternal(campaign);
        for (TrialView t : Reports.trials(trials)) {
            if (external) {
                reportAskedTrial(t);
            } else {
                reportTrial(t, maxEpochs, campaign.path("spec").path("modelFamily").asText("mlp"));
            }
        }
        String counts = Formats.trialCounts(campaign.path("trialCounts"));
        if (!counts.equals(lastCounts)) {
            print("trials: " + counts);
            lastCounts = counts;
        }
        if (finished) {
            reportState(campaign);
        }
    }

    private void reportState(JsonNode campaign) {
        String state = campaign.path("state").asText("?");
        if (state.equals(lastState)) {
            return;
        }
        String reason = campaign.hasNonNull("reason") && !campaign.get("reason").asText().isBlank()
                ? " (" + campaign.get("reason").asText() + ")" : "";
        print("campaign " + campaign.path("name").asText("") + " " + state + reason
                + (lastState == null ? " · sampler " + campaign.path("sampler").asText("?") + ", seed "
                + Reports.seed(campaign) + " · objectives " + Formats.objectives(campaign.path("objectives")) : ""));
        lastState = state;
    }

    private void reportTrial(TrialView t, Integer maxEpochs, String family) {
        Seen s = seen.computeIfAbsent(t.id(), k -> new Seen());
        String label = String.format(Locale.ROOT, "trial #%-3d", t.number());
        String state = t.state();
        boolean restarted = t.workerId() != null && s.workerId != null && !t.workerId().equals(s.workerId);
        if ("RUNNING".equals(state) && (!state.equals(s.state) || restarted)) {
            print(label + " RUNNING on " + (t.workerId() == null ? "a worker" : t.workerId())
                    + (t.attempt() > 1 ? " (attempt " + t.attempt() + ")" : "") + " · " + t.shortDescription(family));
        }
        JsonNode history = t.history();
        if (history.size() < s.epochs) {
            s.epochs = 0; // a redelivered trial starts its history again
        }
        Integer planned = t.epochsPlanned(maxEpochs);
        for (int i = s.epochs; i < history.size(); i++) {
            JsonNode e = history.get(i);
            int epoch = e.path("epoch").asInt(i + 1);
            print(label + " epoch " + epoch + (planned == null ? "" : "/" + planned)
                    + "  loss " + String.format(Locale.ROOT, "%.4f", e.path("trainLoss").asDouble(Double.NaN))
                    + "  val acc " + Formats.accuracy(e.get("valAccuracy"))
                    + "  " + Formats.seconds(e.get("epochSeconds"))
                    + "  " + Formats.count(e.get("samplesPerSecond")) + " samples/s");
        }
        s.epochs = history.size();
        boolean ended = !"RUNNING".equals(state) && !"WAITING".equals(state);
        if (ended && (!state.equals(s.state) || (t.hasMetrics() && !s.metrics))) {
            StringBuilder line = new StringBuilder(label + " " + state);
            if (t.hasMetrics()) {
                line.append("  val acc ").append(Formats.accuracy(t.metric("val_accuracy")))
                        .append("  test acc ").append(Formats.accuracy(t.metric("test_accuracy")))
                        .append("  p50 ").append(Formats.millis(t.metric("latency_ms_p50"))).append(" ms")
                        .append("  ").append(Formats.count(t.metric("param_count"))).append(" params");
                s.metrics = true;
            } else if ("COMPLETE".equals(state)) {
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
        String state = t.state();
        if (s.state == null) {
            print(label + " asked · " + Formats.keyValues(t.node().path("params"), false));
        }
        if (!"RUNNING".equals(state) && !state.equals(s.state)) {
            StringBuilder line = new StringBuilder(label + " " + state);
            if (t.hasMetrics()) {
                line.append("  ").append(Formats.keyValues(t.node().path("metrics"), true));
            }
            int steps = t.node().path("intermediate").size();
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

    private static Integer maxEpochs(JsonNode campaign) {
        for (JsonNode budget : new JsonNode[]{campaign.path("budget"), campaign.path("spec").path("budget")}) {
            if (budget.path("maxEpochsPerTrial").isNumber()) {
                return budget.path("maxEpochsPerTrial").asInt();
            }
        }
        return null;
    }

    private void print(String line) {
        out.println(LocalTime.now().format(CLOCK) + "  " + line);
        out.flush();
    }
}
