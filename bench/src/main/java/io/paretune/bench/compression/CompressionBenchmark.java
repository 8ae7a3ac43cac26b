package io.paretune.bench.compression;

import io.paretune.bench.MachineFacts;
import io.paretune.bench.Stats;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.trial.TrialState;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compression benchmark on a running stack: the campaigns of {@code bench/specs/compression/} one after the other
 * (each has the workers to itself, so wall times and latencies are its own), then the PyTorch peer on the
 * unstructured campaign's network, then the six goals ({@link CompressionGoals}) from what the controller reports.
 *
 * <pre>
 * ./paretune up && ./paretune bench compression --quick
 * </pre>
 */
final class CompressionBenchmark {

    private final CampaignRunner runner;
    private final TorchPeer peer;
    private final PrintStream log;

    CompressionBenchmark(CampaignRunner runner, TorchPeer peer, PrintStream log) {
        this.runner = runner;
        this.peer = peer;
        this.log = log;
    }

    /**
     * Runs the plans and the peer once per seed ({@code peerSeeds}, 0: not at all), and reports. Plans whose label is
     * in {@code submitted} are not submitted again: that campaign is followed until it finishes.
     */
    Map<String, Object> run(List<CampaignPlan> plans, boolean quick, int peerSeeds, Map<String, String> submitted)
            throws IOException, InterruptedException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", MachineFacts.cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("load_average_at_start", MachineFacts.loadAverage());
        String started = Instant.now().toString();
        Map<String, CampaignRunner.Finished> finished = new LinkedHashMap<>();
        for (CampaignPlan plan : plans) {
            String id = submitted.get(plan.label());
            finished.put(plan.label(), id != null ? runner.follow(plan.label(), id)
                    : runner.run(plan.label(), plan.spec()));
        }
        List<Map<String, Object>> torch = new ArrayList<>();
        Optional<CampaignPlan> unstructured = plans.stream()
                .filter(p -> p.kind().equals(CampaignPlan.UNSTRUCTURED)).findFirst();
        for (int i = 0; i < peerSeeds && unstructured.isPresent(); i++) {
            long seed = TorchPeer.FIRST_SEED + i;
            log.println("PyTorch peer: " + String.join(" ", TorchPeer.arguments(unstructured.get().spec(), seed)));
            torch.add(peer.run(unstructured.get().spec(), seed));
        }
        machine.put("load_average_at_end", MachineFacts.loadAverage());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "compression");
        out.put("quick", quick);
        out.put("date", started);
        out.put("date_end", Instant.now().toString());
        out.put("machine", machine);
        out.put("controller", runner.controller());
        out.putAll(report(plans, finished, torch, quick));
        return out;
    }

    /** Campaigns, peer and goals from finished campaigns (by label) and the peer's records (one per seed, or none). */
    Map<String, Object> report(List<CampaignPlan> plans, Map<String, CampaignRunner.Finished> finished,
                               List<Map<String, Object>> torch, boolean quick) {
        Map<String, Object> campaigns = new LinkedHashMap<>();
        Map<String, List<ScoredTrial>> byKind = new LinkedHashMap<>();
        Map<Long, List<ScoredTrial>> motpe = new LinkedHashMap<>();
        Map<Long, List<ScoredTrial>> random = new LinkedHashMap<>();
        List<List<ScoredTrial>> peerSeeds = new ArrayList<>();
        String int8Precision = null;
        for (CampaignPlan plan : plans) {
            CampaignRunner.Finished f = finished.get(plan.label());
            if (f == null) {
                continue;
            }
            List<ScoredTrial> scored = ScoredTrial.of(f.trials());
            campaigns.put(plan.label(), campaign(plan, f, scored));
            switch (plan.kind()) {
                case CampaignPlan.FRONT_MOTPE -> motpe.put(plan.seed(), scored);
                case CampaignPlan.FRONT_RANDOM -> random.put(plan.seed(), scored);
                case CampaignPlan.UNSTRUCTURED_REPEAT -> peerSeeds.add(scored);
                default -> byKind.put(plan.kind(), scored);
            }
            if (plan.kind().equals(CampaignPlan.UNSTRUCTURED)) {
                int8Precision = CompressionGoals.int8Trial(scored)
                        .map(t -> runner.computePrecision(f.id(), t.id())).orElse(null);
            }
        }
        List<Goal> goals = new ArrayList<>();
        if (byKind.containsKey(CampaignPlan.UNSTRUCTURED)) {
            List<ScoredTrial> u = byKind.get(CampaignPlan.UNSTRUCTURED);
            goals.add(CompressionGoals.unstructured(u));
            goals.add(CompressionGoals.int8(u, int8Precision));
        }
        if (byKind.containsKey(CampaignPlan.STRUCTURED)) {
            goals.add(CompressionGoals.structured(byKind.get(CampaignPlan.STRUCTURED)));
        }
        if (byKind.containsKey(CampaignPlan.CNN)) {
            goals.add(CompressionGoals.cnn(byKind.get(CampaignPlan.CNN)));
        }
        if (!motpe.isEmpty() && !random.isEmpty()) {
            goals.add(CompressionGoals.front("motpe", motpe, random));
        }
        if (!torch.isEmpty() && byKind.containsKey(CampaignPlan.UNSTRUCTURED)) {
            peerSeeds.add(0, byKind.get(CampaignPlan.UNSTRUCTURED));
            goals.add(CompressionGoals.peer(peerSeeds,
                    torch.stream().map(TorchPeer::accuracyBySparsity).filter(m -> !m.isEmpty()).toList()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaigns", campaigns);
        if (!torch.isEmpty()) {
            out.put("pytorch_peer", torch);
        }
        out.put("goals", goals.stream().map(g -> quick ? g.judgedQuick() : g).toList());
        out.put("goals_met", goals.stream().filter(Goal::met).map(Goal::id).toList());
        return out;
    }

    private static Map<String, Object> campaign(CampaignPlan plan, CampaignRunner.Finished f, List<ScoredTrial> scored) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", f.id());
        c.put("file", plan.file().toString());
        c.put("state", f.detail().state().name());
        c.put("sampler", f.detail().sampler());
        c.put("seed", f.detail().seed());
        c.put("epochs_used", f.detail().epochsUsed());
        c.put("wall_seconds", Stats.round(f.wallSeconds(), 1));
        c.put("trial_counts", f.detail().trialCounts());
        c.put("spec", plan.spec());
        c.put("trials", scored.stream().map(CompressionGoals::summary).toList());
        List<Map<String, Object>> failed = new ArrayList<>();
        for (TrialView t : f.trials()) {
            if (t.state() == TrialState.FAIL) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("trial", t.number());
                x.put("params", t.params());
                x.put("reason", t.failureReason());
                failed.add(x);
            }
        }
        if (!failed.isEmpty()) {
            c.put("failed_trials", failed);
        }
        return c;
    }
}
