package io.paretune.bench.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.bench.BenchOutput;
import io.paretune.bench.MachineFacts;
import io.paretune.bench.Stats;
import io.paretune.bench.stack.DatabaseServerOptions;
import io.paretune.bench.stack.FreshDatabase;
import io.paretune.bench.stack.LocalServices;
import io.paretune.bench.stack.ServiceProcess;
import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.trial.TrialState;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.messaging.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * {@code paretune bench chaos}: a real training campaign on the local stack while a worker, the evaluator, the
 * controller and the broker are killed with SIGKILL one after another and started again; then the campaign is
 * audited through the API ({@link CampaignAudit}) and the faults are tabled with the trials each one hit.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Starts the broker, the controller (PostgreSQL build, a fresh database on --db-server), the "
                + "evaluator and --workers workers as processes, submits a small Fashion-MNIST MLP campaign, and "
                + "kills with SIGKILL, one after another, a worker in the middle of a trial, the evaluator while a "
                + "model waits for its score, the controller and the broker while trials train, restarting each "
                + "after --down seconds. Then checks that the campaign completed with every trial ended once, every "
                + "completed trial scored once and no epoch counted twice. Exit 1 otherwise. One JSON object, kept "
                + "under --out."})
public final class ChaosCommand implements Callable<Integer> {

    /** The controller's paretune.controller.max-trial-attempts default. */
    static final int MAX_ATTEMPTS = 3;

    @Option(names = "--workers", defaultValue = "3", description = "trainer-workers (default 3)")
    int workers;

    @Option(names = "--trials", defaultValue = "12", description = "the campaign's maxTrials (default 12)")
    int trials;

    @Option(names = "--epochs", defaultValue = "4", description = "maxEpochsPerTrial (default 4)")
    int epochs;

    @Option(names = "--train-limit", paramLabel = "IMAGES", defaultValue = "12000",
            description = "training images per trial (default 12000; a trial takes seconds)")
    int trainLimit;

    @Option(names = "--down", paramLabel = "SECONDS", defaultValue = "3",
            description = "how long a killed process stays down before it is started again (default 3)")
    int down;

    @Option(names = "--deadline", paramLabel = "MINUTES", defaultValue = "20",
            description = "how long the campaign may take to complete (default 20)")
    int deadlineMinutes;

    @Mixin
    DatabaseServerOptions databaseServer;

    @Option(names = "--keep", description = "keep the database and the work directory (logs, broker data)")
    boolean keep;

    @Mixin
    BenchOutput output;

    private long startedAt;
    private ControllerClient api;
    private String campaignId;
    private List<TrialView> lastTrials = List.of();

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || trials < 4 || epochs < 2 || down < 0) {
            throw new IllegalArgumentException("--workers must be at least 1, --trials 4, --epochs 2, --down 0");
        }
        Path root = LocalServices.findRoot();
        Path jar = root.resolve("search-controller/target/quarkus-app-pg/quarkus-run.jar");
        Path work = Files.createTempDirectory("paretune-chaos-");
        LocalServices services = new LocalServices(root, work);
        FreshDatabase db = databaseServer.create("paretune_chaos");
        if (keep) {
            db.keep();
        }
        String loadBefore = MachineFacts.loadAverage();
        try (ChaosStack stack = ChaosStack.start(services, jar, db, workers)) {
            api = new ControllerClient(URI.create(stack.controllerUrl()));
            ObjectNode spec = spec();
            campaignId = api.submit(spec.toString()).id();
            startedAt = System.nanoTime();
            System.err.println("campaign " + campaignId + ": " + trials + " trials of up to " + epochs + " epochs");

            List<Fault> faults = new ArrayList<>();
            faults.add(inject(stack, "worker killed mid-trial", null,
                    t -> t.state() == TrialState.RUNNING && !t.history().isEmpty() && t.artifactPath() == null
                            && t.workerId() != null && stack.names().contains(t.workerId())));
            faults.add(inject(stack, "evaluator killed while a model waits for its score", "evaluator",
                    t -> t.state() == TrialState.RUNNING && t.artifactPath() != null));
            faults.add(inject(stack, "controller killed while trials train", "controller",
                    t -> t.state() == TrialState.RUNNING && !t.history().isEmpty()));
            faults.add(inject(stack, "broker killed while trials train", "broker",
                    t -> t.state() == TrialState.RUNNING && !t.history().isEmpty()));

            CampaignDetail finished = awaitFinished(Duration.ofMinutes(deadlineMinutes));
            List<TrialView> finalTrials = api.trials(campaignId);
            CampaignAudit.Result audit = CampaignAudit.of(finished, finalTrials, trials, epochs, MAX_ATTEMPTS);
            Map<String, Integer> deadLetters = DeadLetters.read(services.bootstrapServers());

            Map<String, Object> result = output.header("chaos");
            result.put("machine", MachineFacts.sharedMachine(loadBefore, MachineFacts.loadAverage()));
            Map<String, Object> setup = new LinkedHashMap<>();
            setup.put("stack", "local-kafka broker (log directory kept across restarts), search-controller "
                    + "(PostgreSQL build, fresh database " + db.name() + "), evaluator, " + workers + " workers; "
                    + "each a process of its own started as ./paretune up starts it, product defaults but "
                    + "authentication off");
            setup.put("campaign", spec);
            setup.put("downSeconds", down);
            result.put("setup", setup);
            result.put("campaignSeconds", seconds(finished.finishedAt()));
            for (Fault f : faults) {
                f.settle(finalTrials);
            }
            result.put("faults", faults.stream().map(Fault::toJson).toList());
            result.put("audit", audit.counts());
            result.put("problems", audit.problems());
            result.put("historyGaps", audit.historyGaps());
            result.put("deadLetters", deadLetters);
            result.put("trials", finalTrials.stream().map(ChaosCommand::trialLine).toList());
            boolean passed = audit.clean() && faults.stream().allMatch(Fault::restarted);
            result.put("passed", passed);
            output.publish("chaos", result);
            return passed ? 0 : 1;
        } finally {
            if (keep) {
                System.err.println("kept the logs and broker data in " + work + ", the database " + db.name());
            } else {
                LocalServices.deleteTree(work);
            }
        }
    }

    private ObjectNode spec() {
        ObjectNode spec = Json.mapper().createObjectNode();
        spec.put("name", "chaos");
        spec.putObject("dataset").put("name", "fashion-mnist").put("validationFraction", 0.1)
                .put("trainLimit", trainLimit);
        spec.put("modelFamily", "mlp");
        ObjectNode space = spec.putObject("searchSpace");
        space.putObject("hiddenLayers").put("type", "int").put("low", 1).put("high", 2);
        space.putObject("units").put("type", "int").put("low", 32).put("high", 256).put("log", true);
        space.putObject("learningRate").put("type", "float").put("low", 1e-3).put("high", 1e-2).put("log", true);
        space.put("batchSize", 128);
        spec.putArray("objectives").add(Json.mapper().createObjectNode().put("metric", "val_accuracy")
                .put("direction", "maximize")).add(Json.mapper().createObjectNode().put("metric", "latency_ms_p50"));
        spec.putObject("budget").put("maxTrials", trials).put("maxParallel", workers).put("maxEpochsPerTrial", epochs);
        spec.putObject("strategy").put("sampler", "random").put("seed", 11);
        return spec;
    }

    /**
     * Waits (up to 3 minutes) until some trial matches {@code target} and the campaign has moved on since the last
     * fault, kills {@code processName} (null: the worker of the matching trial), waits {@code down} seconds and starts
     * it again.
     */
    private Fault inject(ChaosStack stack, String label, String processName, Predicate<TrialView> target)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        List<TrialView> hit = List.of();
        while (System.nanoTime() < deadline) {
            hit = poll().stream().filter(target).toList();
            if (!hit.isEmpty() || finished()) {
                break;
            }
            Thread.sleep(250);
        }
        String name = processName != null ? processName : hit.isEmpty() ? "worker-1" : hit.get(0).workerId();
        List<TrialView> running = lastTrials.stream().filter(t -> t.state() == TrialState.RUNNING).toList();
        List<TrialView> affected = processName == null
                ? running.stream().filter(t -> name.equals(t.workerId())).toList()
                : "evaluator".equals(name) ? hit : running;
        ServiceProcess p = stack.process(name);
        Fault fault = new Fault(label, name, p.pid(), seconds(Instant.now()), hit.isEmpty(), affected);
        System.err.printf("%.1f s: kill -9 %s (pid %d), trials %s%n", fault.atSeconds(), name, p.pid(),
                fault.affectedNumbers());
        p.kill();
        Thread.sleep(down * 1000L);
        long restart = System.nanoTime();
        try {
            p.start().awaitReady(ChaosStack.READY);
            fault.restarted((System.nanoTime() - restart) / 1e9, p.pid());
            System.err.printf("%s back after %.1f s (pid %d)%n", name, fault.restartSeconds(), p.pid());
        } catch (IllegalStateException e) {
            System.err.println(name + " did not come back: " + e.getMessage());
        }
        awaitProgress(Duration.ofMinutes(3));
        return fault;
    }

    /** Until one more trial has ended than when called (or the campaign has), so that faults are spread out. */
    private void awaitProgress(Duration timeout) throws InterruptedException {
        long ended = terminal(poll());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !finished()) {
            if (terminal(poll()) > ended) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private CampaignDetail awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                CampaignDetail c = api.campaign(campaignId);
                if (c.state().name().equals("COMPLETED") || c.state().name().equals("FAILED")
                        || c.state().name().equals("CANCELLED")) {
                    return c;
                }
                if (System.nanoTime() > deadline) {
                    System.err.println("the campaign did not finish within " + timeout.toMinutes() + " min");
                    return c;
                }
            } catch (RuntimeException unreachable) {
                if (System.nanoTime() > deadline) {
                    throw unreachable;
                }
            }
            Thread.sleep(1000);
        }
    }

    private boolean finished() {
        try {
            return !List.of("PENDING", "RUNNING").contains(api.campaign(campaignId).state().name());
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    /** The trials now; while the controller is down, the last ones seen. */
    private List<TrialView> poll() {
        try {
            lastTrials = api.trials(campaignId);
        } catch (RuntimeException unreachable) {
            // The controller or its database is restarting: keep what was last seen.
        }
        return lastTrials;
    }

    private static long terminal(List<TrialView> trials) {
        return trials.stream().filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED
                || t.state() == TrialState.FAIL).count();
    }

    private double seconds(Instant at) {
        long sinceStart = System.nanoTime() - startedAt;
        if (at == null) {
            return Stats.round(sinceStart / 1e9, 1);
        }
        long ago = Duration.between(at, Instant.now()).toNanos();
        return Stats.round((sinceStart - ago) / 1e9, 1);
    }

    private static String trialLine(TrialView t) {
        return "trial " + t.number() + ": " + t.state() + ", attempt " + t.attempt() + ", epochs "
                + t.history().stream().map(e -> e.epoch() + "@" + e.workerId()).toList()
                + (t.metrics() == null || !t.metrics().containsKey("val_accuracy") ? ""
                        : ", val_accuracy " + Stats.round(t.metrics().get("val_accuracy"), 4))
                + (t.failureReason() == null ? "" : ", " + t.failureReason());
    }
}
