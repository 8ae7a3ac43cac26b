package io.paretune.bench.compression;

import io.paretune.bench.BenchOutput;
import io.paretune.bench.MachineFacts;
import io.paretune.bench.StackCampaigns;
import io.paretune.contract.api.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code paretune bench compression}: {@link CompressionBenchmark} against a running controller. */
@Command(name = "compression", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"On a running stack (./paretune up): the compression campaigns of bench/specs/compression/ "
                + "(unstructured and int8, structured, CNN, MOTPE against random over several seeds), one after the "
                + "other, then PyTorch's global magnitude pruning of the same MLP (/usr/bin/python3, python3-torch), "
                + "and the six goals. One JSON object, kept under --out."})
public final class CompressionCommand implements Callable<Integer> {

    /** Most seeds of the front and peer comparisons: each seed is one or two whole campaigns. */
    static final int MAX_SEEDS = 20;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:PARETUNE_URL:-http://127.0.0.1:8080}",
            description = "the controller (default: $PARETUNE_URL, else http://127.0.0.1:8080)")
    URI url;

    @Option(names = "--specs", paramLabel = "DIR", defaultValue = "bench/specs/compression",
            description = "the campaign specs and their quick/ patches (default ${DEFAULT-VALUE})")
    Path specs;

    @Option(names = "--quick", description = "every campaign on a slice (the patches in quick/: fewer images, epochs "
            + "and trials) and 2 front seeds: minutes on 2 cores; its goals are marked quick")
    boolean quick;

    @Option(names = "--seeds", paramLabel = "N", description = "seeds of the front comparison (default 5; quick 2)")
    Integer seeds;

    @Option(names = "--only", split = ",", paramLabel = "KIND",
            description = "run only these: unstructured, structured, cnn, front (default all)")
    List<String> only;

    @Option(names = "--peer-seeds", paramLabel = "N", description = "seeds of the peer comparison: the PyTorch script "
            + "and the unstructured campaign's dense and magnitude points once per seed (default 3; quick 1)")
    Integer peerSeeds;

    @Option(names = "--resume", split = ",", paramLabel = "LABEL=ID",
            description = "campaigns a cut-short run already submitted (its log names them: front-motpe-s100=ID,...): "
                    + "followed to their end instead of submitted again; the JSON gives their wall time as the "
                    + "controller saw it")
    Map<String, String> resume = new LinkedHashMap<>();

    @Option(names = "--no-peer", description = "skip the PyTorch peer (goal 6)")
    boolean noPeer;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "the interpreter with torch (default ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "5", description = "how often to look (default 5)")
    int poll;

    @Mixin
    BenchOutput output;

    @Override
    public Integer call() throws Exception {
        int frontSeeds = seeds != null ? seeds : quick ? 2 : 5;
        if (frontSeeds < 1 || frontSeeds > MAX_SEEDS) {
            throw new IllegalArgumentException("--seeds must be between 1 and " + MAX_SEEDS + ", got " + frontSeeds);
        }
        int peerRuns = noPeer ? 1 : peerSeeds != null ? peerSeeds : quick ? 1 : 3;
        if (peerRuns < 1 || peerRuns > MAX_SEEDS) {
            throw new IllegalArgumentException("--peer-seeds must be between 1 and " + MAX_SEEDS + ", got " + peerRuns);
        }
        if (poll < 1) {
            throw new IllegalArgumentException("--poll must be at least 1 second");
        }
        Set<String> kinds = kinds(only);
        List<CampaignPlan> plans = CampaignPlan.load(specs, quick, frontSeeds, peerRuns, kinds);
        Set<String> labels = new LinkedHashSet<>(plans.stream().map(CampaignPlan::label).toList());
        for (String label : resume.keySet()) {
            if (!labels.contains(label)) {
                throw new IllegalArgumentException("--resume names " + label + ", which this run does not plan: "
                        + String.join(", ", labels));
            }
        }
        // What runs is the checkout as it is now: read before the hours the campaigns take, not after.
        String version = BenchOutput.version();
        CampaignRunner runner = new CampaignRunner(ControllerClient.withTokenFromEnvironment(url), System.err, Duration.ofSeconds(poll));
        Map<String, Object> result;
        try {
            result = new CompressionBenchmark(runner, new TorchPeer(python), System.err)
                    .run(plans, quick, noPeer ? 0 : peerRuns, resume);
        } catch (StackCampaigns.Failure e) {
            System.err.println("bench compression: " + e.getMessage());
            return 1;
        }
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("paretune", version);
        versions.put("dl4j", MachineFacts.dl4jVersion());
        versions.put("java", System.getProperty("java.version"));
        result.put("versions", versions);
        result.put("arguments", output.arguments());
        output.publish(quick ? "compression-quick" : "compression", result);
        return 0;
    }

    /** The campaign kinds of {@code --only} ("front" stands for both front campaigns); every kind when absent. */
    static Set<String> kinds(List<String> only) {
        if (only == null || only.isEmpty()) {
            return new LinkedHashSet<>(CampaignPlan.KINDS);
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : only) {
            switch (k.trim()) {
                case "front" -> {
                    kinds.add(CampaignPlan.FRONT_MOTPE);
                    kinds.add(CampaignPlan.FRONT_RANDOM);
                }
                case CampaignPlan.UNSTRUCTURED, CampaignPlan.STRUCTURED, CampaignPlan.CNN -> kinds.add(k.trim());
                default -> throw new IllegalArgumentException("--only takes unstructured, structured, cnn or front, "
                        + "got '" + k + "'");
            }
        }
        return kinds;
    }
}
