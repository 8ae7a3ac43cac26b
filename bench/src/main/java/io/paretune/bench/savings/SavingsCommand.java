package io.paretune.bench.savings;

import io.paretune.bench.BenchOutput;
import io.paretune.bench.StackCampaigns;
import io.paretune.contract.api.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code paretune bench savings}: {@link SavingsBenchmark} against a running controller. */
@Command(name = "savings", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"On a running stack (./paretune up): examples/savings-random.json against "
                + "examples/savings-tpe-asha.json, best validation accuracy versus epochs consumed. One JSON object, "
                + "kept under --out."})
public final class SavingsCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:PARETUNE_URL:-http://127.0.0.1:8080}",
            description = "the controller (default: $PARETUNE_URL, else http://127.0.0.1:8080)")
    URI url;

    @Option(names = "--random", paramLabel = "FILE", defaultValue = "examples/savings-random.json",
            description = "the full-fidelity campaign (default ${DEFAULT-VALUE})")
    Path random;

    @Option(names = "--tpe-asha", paramLabel = "FILE", defaultValue = "examples/savings-tpe-asha.json",
            description = "the pruned campaign (default ${DEFAULT-VALUE})")
    Path tpeAsha;

    @Option(names = "--only", paramLabel = "random|tpe-asha", description = "run one side only")
    String only;

    @Option(names = "--quick", description = "6 trials of at most 3 epochs on 6,000 training images (a smoke run)")
    boolean quick;

    @Option(names = "--sequential", description = "submit the second campaign when the first has finished "
            + "(comparable wall times)")
    boolean sequential;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "15", description = "how often to look (default 15)")
    int poll;

    @Option(names = "--campaigns", split = ",", paramLabel = "RANDOM_ID[,TPE_ASHA_ID]",
            description = "report on campaigns that already ran (random first); submit nothing")
    List<String> campaigns;

    @Mixin
    BenchOutput output;

    @Override
    public Integer call() throws Exception {
        if (only != null && !Set.of(SavingsBenchmark.RANDOM, SavingsBenchmark.TPE_ASHA).contains(only)) {
            throw new IllegalArgumentException("--only must be random or tpe-asha, got '" + only + "'");
        }
        if (campaigns != null && (campaigns.size() > 2 || campaigns.stream().anyMatch(String::isBlank))) {
            throw new IllegalArgumentException("--campaigns takes one or two ids, RANDOM_ID[,TPE_ASHA_ID]");
        }
        if (poll < 1) {
            throw new IllegalArgumentException("--poll must be at least 1 second");
        }
        // What runs is the checkout as it is now: read before the hours the campaigns take, not after.
        String version = BenchOutput.version();
        SavingsBenchmark bench = new SavingsBenchmark(ControllerClient.withTokenFromEnvironment(url), System.err);
        Map<String, Object> result;
        try {
            if (campaigns != null) {
                Map<String, String> ids = new LinkedHashMap<>();
                ids.put(SavingsBenchmark.RANDOM, campaigns.get(0).trim());
                if (campaigns.size() > 1) {
                    ids.put(SavingsBenchmark.TPE_ASHA, campaigns.get(1).trim());
                }
                result = bench.report(ids, Map.of());
            } else {
                Map<String, Path> files = new LinkedHashMap<>();
                files.put(SavingsBenchmark.RANDOM, random);
                files.put(SavingsBenchmark.TPE_ASHA, tpeAsha);
                if (only != null) {
                    files.keySet().retainAll(Set.of(only));
                }
                result = bench.run(files, quick, sequential, Duration.ofSeconds(poll));
            }
        } catch (StackCampaigns.Failure e) {
            System.err.println("bench savings: " + e.getMessage());
            return 1;
        }
        result.put("version", version);
        output.publish("savings", result);
        return 0;
    }
}
