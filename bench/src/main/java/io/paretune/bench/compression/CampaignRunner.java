package io.paretune.bench.compression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.bench.StackCampaigns;
import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.api.TrialView;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One campaign at a time on a running controller: submit, wait until it is finished, read it back. */
final class CampaignRunner {

    private final ControllerClient api;
    private final StackCampaigns campaigns;
    private final PrintStream log;
    private final Duration poll;

    CampaignRunner(ControllerClient api, PrintStream log, Duration poll) {
        this.api = api;
        this.campaigns = new StackCampaigns(api, log);
        this.log = log;
        this.poll = poll;
    }

    /** The campaign as it finished, its trials, and the seconds from submission to finish as seen from here. */
    record Finished(String id, CampaignDetail detail, List<TrialView> trials, double wallSeconds) {
    }

    Finished run(String label, ObjectNode spec) throws InterruptedException {
        long start = System.nanoTime();
        String id = campaigns.submit(label, spec);
        await(label, id);
        double wall = (System.nanoTime() - start) / 1e9;
        return new Finished(id, StackCampaigns.call(() -> api.campaign(id)), StackCampaigns.call(() -> api.trials(id)),
                wall);
    }

    /**
     * A campaign submitted earlier (by a run that was cut short), followed until it is finished; its wall time is the
     * controller's, from submission to finish.
     */
    Finished follow(String label, String id) throws InterruptedException {
        log.println("following " + label + ": campaign " + id + " (submitted earlier)");
        await(label, id);
        CampaignDetail detail = StackCampaigns.call(() -> api.campaign(id));
        double wall = Duration.between(detail.createdAt(), detail.finishedAt()).toMillis() / 1e3;
        return new Finished(id, detail, StackCampaigns.call(() -> api.trials(id)), wall);
    }

    private void await(String label, String id) throws InterruptedException {
        try {
            String last = "";
            while (true) {
                CampaignDetail c = StackCampaigns.call(() -> api.campaign(id));
                String line = c.state() + " " + c.trialCounts();
                if (!line.equals(last)) {
                    log.println(Instant.now().toString().substring(11, 19) + " " + label + ": " + line);
                    last = line;
                }
                if (c.state().isFinished()) {
                    break;
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (InterruptedException | RuntimeException e) {
            campaigns.cancel(label, id); // do not leave it training behind an interrupted benchmark
            throw e;
        }
    }

    /** What the evaluator says the trial's model computed in, from its model card; null when unavailable. */
    String computePrecision(String campaignId, String trialId) {
        try {
            return api.modelCard(campaignId, trialId).compression().computePrecision();
        } catch (RuntimeException e) {
            log.println("no model card for trial " + trialId + ": " + e.getMessage());
            return null;
        }
    }

    String controller() {
        return api.base().toString();
    }
}
