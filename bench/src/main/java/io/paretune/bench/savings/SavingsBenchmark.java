package io.paretune.bench.savings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.bench.StackCampaigns;
import io.paretune.bench.Stats;
import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.messaging.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The savings benchmark on real training: a full-fidelity {@code random} campaign against a {@code tpe} +
 * {@code asha} campaign of the same trial count and search space ({@code examples/savings-random.json},
 * {@code examples/savings-tpe-asha.json}), both on a running controller. Submits them, waits until both are
 * finished, and reports per campaign the best validation accuracy against epochs consumed ({@link SavingsCurve}),
 * and the verdict: the difference of the best validation accuracies (points) and the ratio of epochs consumed.
 * Goal: within 0.3 points using at most a third of the epochs.
 *
 * <pre>
 * ./paretune up && ./paretune bench savings            # both campaigns, about 180 + 60 epochs of Fashion-MNIST
 * ./paretune bench savings --campaigns ID1,ID2         # the report for two finished campaigns, nothing submitted
 * </pre>
 */
final class SavingsBenchmark {

    static final String RANDOM = "random";
    static final String TPE_ASHA = "tpe-asha";
    static final double GOAL_POINTS = 0.3;
    static final double GOAL_EPOCHS_RATIO = 1.0 / 3;

    private final ControllerClient api;
    private final StackCampaigns stack;
    private final PrintStream log;

    SavingsBenchmark(ControllerClient api, PrintStream log) {
        this.api = api;
        this.stack = new StackCampaigns(api, log);
        this.log = log;
    }

    /** Submits the campaigns (all at once, or one after the other), waits for them, reports. */
    Map<String, Object> run(Map<String, Path> files, boolean quick, boolean sequential, Duration poll)
            throws IOException, InterruptedException {
        Map<String, ObjectNode> specs = new LinkedHashMap<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            ObjectNode spec = (ObjectNode) Json.mapper().readTree(f.getValue().toFile());
            specs.put(f.getKey(), quick ? quick(spec) : spec);
        }
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, Double> wall = new LinkedHashMap<>();
        if (sequential) {
            for (Map.Entry<String, ObjectNode> s : specs.entrySet()) {
                long start = System.nanoTime();
                ids.put(s.getKey(), stack.submit(s.getKey(), s.getValue()));
                await(Map.of(s.getKey(), ids.get(s.getKey())), poll);
                wall.put(s.getKey(), (System.nanoTime() - start) / 1e9);
            }
        } else {
            long start = System.nanoTime();
            for (Map.Entry<String, ObjectNode> s : specs.entrySet()) {
                try {
                    ids.put(s.getKey(), stack.submit(s.getKey(), s.getValue()));
                } catch (StackCampaigns.Failure e) {
                    ids.forEach(stack::cancel); // half a comparison is no use: do not leave the other one training
                    throw e;
                }
            }
            await(ids, poll);
            ids.keySet().forEach(k -> wall.put(k, (System.nanoTime() - start) / 1e9));
        }
        Map<String, Object> out = report(ids, wall);
        Map<String, Object> settings = new LinkedHashMap<>();
        files.forEach((k, v) -> settings.put(k, v.toString()));
        settings.put("quick", quick);
        settings.put("sequential", sequential);
        out.put("settings", settings);
        return out;
    }

    /** Shrinks a spec to a smoke run: 6 trials, 3 epochs, 6,000 training images. */
    static ObjectNode quick(ObjectNode spec) {
        ObjectNode copy = spec.deepCopy();
        copy.put("name", copy.path("name").asText("campaign") + "-quick");
        object(copy, "dataset").put("trainLimit", 6000);
        ObjectNode budget = object(copy, "budget");
        budget.put("maxTrials", 6);
        budget.put("maxEpochsPerTrial", 3);
        JsonNode pruner = copy.path("strategy").path("pruner");
        if (pruner instanceof ObjectNode p && p.has("maxResource")) {
            p.put("maxResource", 3);
        }
        return copy;
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        if (!(parent.get(field) instanceof ObjectNode child)) {
            return parent.putObject(field);
        }
        return child;
    }

    /** The JSON report for campaigns by label; {@code wall} seconds where known. */
    Map<String, Object> report(Map<String, String> ids, Map<String, Double> wall) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "savings");
        out.put("date", Instant.now().toString());
        out.put("controller", api.base().toString());
        Map<String, SavingsCurve> curves = new LinkedHashMap<>();
        Map<String, Object> campaigns = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            CampaignDetail campaign = StackCampaigns.call(() -> api.campaign(e.getValue()));
            SavingsCurve curve = SavingsCurve.of(StackCampaigns.call(() -> api.trials(e.getValue())));
            curves.put(e.getKey(), curve);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", e.getValue());
            c.put("name", campaign.name());
            c.put("state", campaign.state().name());
            c.put("sampler", campaign.sampler());
            c.put("pruner", campaign.spec().strategy().pruner());
            c.put("epochsUsed", campaign.epochsUsed()); // the controller's own accounting
            c.put("epochsSaved", campaign.epochsSaved());
            if (wall.containsKey(e.getKey())) {
                c.put("wall_seconds", Stats.round(wall.get(e.getKey()), 1));
            }
            c.putAll(curve.toJson());
            campaigns.put(e.getKey(), c);
        }
        out.put("campaigns", campaigns);
        out.put("verdict", verdict(curves.get(RANDOM), curves.get(TPE_ASHA)));
        return out;
    }

    /** Best-val difference (points, tpe-asha minus random), epochs ratio (tpe-asha / random), and the goal. */
    static Map<String, Object> verdict(SavingsCurve random, SavingsCurve tpeAsha) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("goal", "tpe-asha within " + GOAL_POINTS + " points of random's best validation accuracy, using at most "
                + "a third of its epochs");
        if (random == null || tpeAsha == null || random.bestValAccuracy() == null || tpeAsha.bestValAccuracy() == null
                || random.epochs() == 0) {
            v.put("note", "needs both campaigns with at least one scored epoch");
            return v;
        }
        double points = (tpeAsha.bestValAccuracy() - random.bestValAccuracy()) * 100;
        double ratio = tpeAsha.epochs() / (double) random.epochs();
        v.put("best_val_difference_points", Stats.round(points, 2));
        v.put("epochs_ratio", Stats.round(ratio, 3));
        v.put("tpe_asha_epochs_to_within_goal", tpeAsha.epochsToReach(random.bestValAccuracy() - GOAL_POINTS / 100));
        v.put("random_epochs_to_its_best", random.epochsToReach(random.bestValAccuracy()));
        v.put("goal_met", points >= -GOAL_POINTS && ratio <= GOAL_EPOCHS_RATIO);
        return v;
    }

    private void await(Map<String, String> ids, Duration poll) throws InterruptedException {
        Map<String, String> last = new LinkedHashMap<>();
        while (true) {
            boolean all = true;
            for (Map.Entry<String, String> e : ids.entrySet()) {
                CampaignDetail c = StackCampaigns.call(() -> api.campaign(e.getValue()));
                String line = c.state() + " " + c.trialCounts();
                if (!line.equals(last.get(e.getKey()))) {
                    log.println(Instant.now().toString().substring(11, 19) + " " + e.getKey() + ": " + line);
                    last.put(e.getKey(), line);
                }
                all &= c.state().isFinished();
            }
            if (all) {
                return;
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
