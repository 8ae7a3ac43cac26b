package io.paretune.bench.load;

import io.paretune.bench.BenchOutput;
import io.paretune.bench.MachineFacts;
import io.paretune.bench.Stats;
import io.paretune.bench.stack.DatabaseServerOptions;
import io.paretune.bench.stack.LocalServices;
import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.api.TrialView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code paretune bench load}: many ask/tell clients at once against one controller on PostgreSQL, with latency
 * percentiles of ask and tell, throughput, errors, and a check through the API that every campaign holds exactly the
 * trials its client told.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Ask/tell clients at once against one controller: by default it starts the broker and the "
                + "packaged controller (PostgreSQL build) on a fresh database it creates on --db-server, with one "
                + "API key per client and the product's quotas and write rate set explicitly. Each client submits "
                + "its own campaign (Branin, external evaluation) and asks and tells --trials trials in turn. "
                + "Prints throughput, p50/p90/p99/max of ask and tell, errors by status, and the lost/duplicate "
                + "check; exit 1 when a request failed or a trial was lost or duplicated. One JSON object, kept "
                + "under --out."})
public final class LoadCommand implements java.util.concurrent.Callable<Integer> {

    /** The goal this benchmark is held to on a 2-core machine at 50 clients. */
    static final double ASK_P99_GOAL_MS = 50;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "50", description = "clients at once (default 50)")
    int clients;

    @Option(names = "--trials", paramLabel = "M", defaultValue = "200",
            description = "trials each client asks and tells (default 200)")
    int trials;

    @Option(names = "--quick", description = "4 clients x 25 trials, 20 warm-up trials (a smoke run, seconds)")
    boolean quick;

    @Option(names = "--warmup", paramLabel = "TRIALS", defaultValue = "200",
            description = "trials one client runs before the measured part, so that the JIT has compiled the hot "
                    + "paths (default 200; not counted)")
    int warmup;

    @Option(names = "--think-ms", paramLabel = "MS", defaultValue = "0",
            description = "the mean time each client waits between ask and tell, standing for its training, drawn "
                    + "uniformly from 0 to twice it, and once before a client's first ask so that clients start "
                    + "spread over their cycle (default 0: back to back, the heaviest load)")
    long thinkMillis;

    @Option(names = "--sampler", defaultValue = "tpe", description = "the campaigns' sampler (default tpe)")
    String sampler;

    @Option(names = "--url", paramLabel = "URL",
            description = "a running controller instead of starting one (every client then uses $PARETUNE_TOKEN, "
                    + "so they share one write rate; its quotas and database are whatever it runs with)")
    URI url;

    @Option(names = "--database", paramLabel = "postgresql|h2", defaultValue = "postgresql",
            description = "the controller's database: PostgreSQL (its PostgreSQL build, a fresh database on "
                    + "--db-server) or H2 (the default build, a file database in a temporary directory); default "
                    + "${DEFAULT-VALUE}")
    String database;

    @Mixin
    DatabaseServerOptions databaseServer;

    @Option(names = "--writes-per-second", paramLabel = "RATE", defaultValue = "50",
            description = "the controller's write rate per caller (paretune.quota.writes-per-second; default 50, "
                    + "the product's; 0 turns the limit off)")
    double writesPerSecond;

    @Option(names = "--write-burst", paramLabel = "N", defaultValue = "100",
            description = "paretune.quota.write-burst (default 100, the product's)")
    int writeBurst;

    @Option(names = "--keep", description = "keep the database and the work directory (logs) afterwards")
    boolean keep;

    @Mixin
    BenchOutput output;

    @Override
    public Integer call() throws Exception {
        if (quick) {
            clients = 4;
            trials = 25;
            warmup = 20;
        }
        if (!database.equals("postgresql") && !database.equals("h2")) {
            throw new IllegalArgumentException("--database must be postgresql or h2, got '" + database + "'");
        }
        if (clients < 1 || trials < 1 || warmup < 0 || thinkMillis < 0) {
            throw new IllegalArgumentException("--clients and --trials must be at least 1, --warmup and --think-ms "
                    + "at least 0");
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 1; i <= clients; i++) {
            tokens.put(String.format("load-%03d", i), url == null ? ApiKeys.newKey() : System.getenv(
                    ControllerClient.TOKEN_VARIABLE));
        }
        String warmupToken = url == null ? ApiKeys.newKey() : System.getenv(ControllerClient.TOKEN_VARIABLE);
        Map<String, Object> setup = new LinkedHashMap<>();
        Path work = Files.createTempDirectory("paretune-load-");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            URI base;
            long controllerPid = -1;
            if (url == null) {
                Map<String, String> keys = new LinkedHashMap<>(tokens);
                keys.put("warmup", warmupToken);
                ControllerUnderLoad controller = ControllerUnderLoad.start(new LocalServices(LocalServices.findRoot(),
                        work), database.equals("h2") ? null : databaseServer, keys, writesPerSecond, writeBurst, keep, started);
                base = controller.url();
                controllerPid = controller.pid();
                setup.putAll(controller.describe());
            } else {
                base = url;
                setup.put("controller", "running at " + url + " (its own settings and database)");
            }
            Map<String, Object> result = measure(base, tokens, warmupToken, setup, controllerPid);
            output.publish("load", result);
            return Boolean.TRUE.equals(result.get("passed")) ? 0 : 1;
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    System.err.println("could not stop " + started.get(i) + ": " + e.getMessage());
                }
            }
            if (keep) {
                System.err.println("kept the logs in " + work);
            } else {
                LocalServices.deleteTree(work);
            }
        }
    }

    private Map<String, Object> measure(URI base, Map<String, String> tokens, String warmupToken,
                                        Map<String, Object> setup, long controllerPid) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        if (warmup > 0) {
            System.err.println("warm-up: " + warmup + " trials by one client (not counted)");
            LoadClient.Outcome w = new LoadClient(http, base, warmupToken, "load warm-up", warmup, sampler, 0, 0)
                    .run(new CyclicBarrier(1));
            if (w.failure() != null || !w.errors().isEmpty()) {
                throw new IllegalStateException("the warm-up failed: " + w.failure() + " " + w.errors());
            }
        }
        String loadBefore = MachineFacts.loadAverage();
        double cpuBefore = ProcessCpu.seconds(controllerPid);
        System.err.println(clients + " clients x " + trials + " trials, sampler " + sampler);
        List<LoadClient> loadClients = new ArrayList<>();
        int seed = 1;
        for (Map.Entry<String, String> client : tokens.entrySet()) {
            loadClients.add(new LoadClient(http, base, client.getValue(), "load " + client.getKey(), trials, sampler,
                    seed++, thinkMillis));
        }
        long[] startedAt = new long[1];
        CyclicBarrier start = new CyclicBarrier(clients, () -> startedAt[0] = System.nanoTime());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<LoadClient.Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<LoadClient.Outcome>> futures = new ArrayList<>();
            for (LoadClient c : loadClients) {
                futures.add(pool.submit(() -> c.run(start)));
            }
            for (Future<LoadClient.Outcome> f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - startedAt[0]) / 1e9;
        double cpuSeconds = ProcessCpu.seconds(controllerPid) - cpuBefore;
        String loadAfter = MachineFacts.loadAverage();

        Latencies ask = Latencies.merge(outcomes.stream().map(LoadClient.Outcome::ask).toList());
        Latencies tell = Latencies.merge(outcomes.stream().map(LoadClient.Outcome::tell).toList());
        Latencies submit = Latencies.merge(outcomes.stream().map(LoadClient.Outcome::submit).toList());
        Map<String, Long> errors = new TreeMap<>();
        long throttled = 0;
        List<String> failures = new ArrayList<>();
        for (LoadClient.Outcome o : outcomes) {
            o.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            throttled += o.throttled();
            if (o.failure() != null) {
                failures.add(o.failure());
            }
        }
        Map<String, Object> integrity = verify(base, tokens, outcomes);

        Map<String, Object> result = output.header("load");
        Map<String, Object> machine = MachineFacts.sharedMachine(loadBefore, loadAfter);
        machine.put("note", "clients, controller, broker and PostgreSQL share these cores; latencies are measured "
                + "by the clients, send to last byte");
        result.put("machine", machine);
        setup.put("clients", clients);
        setup.put("trialsPerClient", trials);
        setup.put("warmupTrials", warmup);
        setup.put("thinkMillis", thinkMillis);
        setup.put("campaign", "one per client: Branin (x1 in [-5, 10], x2 in [0, 15]), external evaluation, sampler "
                + sampler + ", maxParallel 1, maxTrials " + trials);
        result.put("setup", setup);
        result.put("seconds", Stats.round(seconds, 2));
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("requestsPerSecond", Stats.round((ask.count() + tell.count()) / seconds, 1));
        throughput.put("trialsPerSecond", Stats.round(tell.count() / seconds, 1));
        if (cpuSeconds >= 0) {
            throughput.put("controllerCpuSeconds", Stats.round(cpuSeconds, 1));
            throughput.put("controllerCpuMsPerRequest",
                    Stats.round(cpuSeconds * 1000 / Math.max(1, ask.count() + tell.count()), 3));
        }
        result.put("throughput", throughput);
        result.put("ask", ask.summary());
        result.put("tell", tell.summary());
        result.put("submit", submit.summary());
        Map<String, Object> errorJson = new LinkedHashMap<>();
        errorJson.put("total", errors.values().stream().mapToLong(Long::longValue).sum());
        errorJson.put("byRequestAndStatus", errors);
        errorJson.put("clientsStopped", failures);
        result.put("errors", errorJson);
        result.put("throttled429", throttled);
        result.put("integrity", integrity);
        Map<String, Object> goal = new LinkedHashMap<>();
        goal.put("askP99BelowMs", ASK_P99_GOAL_MS);
        goal.put("met", ask.count() > 0 && ask.percentileMs(0.99) < ASK_P99_GOAL_MS);
        result.put("goal", goal);
        boolean passed = errors.isEmpty() && failures.isEmpty() && Boolean.TRUE.equals(integrity.get("clean"))
                && tell.count() == (long) clients * trials;
        result.put("passed", passed);
        return result;
    }

    /** Every campaign, listed page by page through the API, against its client's ledger. */
    private static Map<String, Object> verify(URI base, Map<String, String> tokens, List<LoadClient.Outcome> outcomes) {
        Map<String, Integer> totals = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int completed = 0;
        List<String> names = new ArrayList<>(tokens.keySet());
        for (int i = 0; i < outcomes.size(); i++) {
            LoadClient.Outcome o = outcomes.get(i);
            if (o.campaignId() == null) {
                problems.add(names.get(i) + ": no campaign");
                continue;
            }
            ControllerClient api = new ControllerClient(base, tokens.get(names.get(i)));
            List<TrialLedger.Listed> listed = new ArrayList<>();
            for (TrialView t : api.trials(o.campaignId())) {
                listed.add(new TrialLedger.Listed(t.id(), t.number(), t.state().name(),
                        t.metrics() == null ? null : t.metrics().get(LoadClient.METRIC)));
            }
            TrialLedger.Check check = o.ledger().check(listed);
            check.counts().forEach((k, v) -> totals.merge(k, v, Integer::sum));
            if (!check.clean()) {
                problems.add(o.campaignId() + ": " + check);
            }
            String state = api.campaign(o.campaignId()).state().name();
            if ("COMPLETED".equals(state)) {
                completed++;
            } else {
                problems.add(o.campaignId() + ": campaign " + state + " after its last tell");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaigns", outcomes.size());
        out.put("campaignsCompleted", completed);
        out.putAll(totals);
        out.put("clean", problems.isEmpty());
        out.put("problems", problems.size() > 20 ? problems.subList(0, 20) : problems);
        return out;
    }
}
