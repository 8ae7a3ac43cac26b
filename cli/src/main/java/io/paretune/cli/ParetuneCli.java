package io.paretune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.paretune.contract.api.ApiException;
import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.CampaignRef;
import io.paretune.contract.api.CampaignState;
import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.api.ControllerUnreachableException;
import io.paretune.contract.api.ModelDownload;
import io.paretune.contract.api.ModelDownloadException;
import io.paretune.contract.api.StrictJson;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.messaging.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Command-line client of the search-controller's REST API: submit a campaign, follow it epoch by epoch, print the
 * trial table and the best trial, download a scored model and print its model card. A plain program (no CDI), so it starts in a fraction of a second.
 *
 * <pre>
 * java -jar cli/target/paretune-cli.jar run examples/fashion-mnist-quick.json
 * </pre>
 * Exit status: 0 done (run/watch: the campaign COMPLETED), 1 failure or campaign not completed, 2 bad usage or a
 * spec the controller rejected.
 */
@Command(name = "paretune", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Drives campaigns on a Paretune search-controller.",
        footer = {"", "A controller that needs an API key takes it from $PARETUNE_TOKEN.",
                "", "Exit status: 0 done (run/watch: campaign COMPLETED), 1 failure or campaign not completed, "
                + "2 bad usage or spec rejected."})
public final class ParetuneCli {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    private static final Pattern TRIAL_NUMBER = Pattern.compile("[0-9]{1,9}");

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:PARETUNE_URL:-" + DEFAULT_URL + "}",
            description = "the controller (default: $PARETUNE_URL, else " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--interval", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "2",
            description = "how often watch and run poll (default: ${DEFAULT-VALUE})")
    double intervalSeconds;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "status, trials, list: print the controller's JSON instead of a table")
    boolean json;

    private final PrintStream out;

    ParetuneCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err, args));
    }

    /** Runs one command line; returns the exit status. */
    static int execute(PrintStream out, PrintStream err, String... args) {
        ParetuneCli cli = new ParetuneCli(out);
        CommandLine commandLine = new CommandLine(cli)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    CliException failure = failure(e, cli);
                    err.println("paretune: " + failure.getMessage());
                    failure.details().forEach(d -> err.println("  " + d));
                    return failure.exitCode();
                });
        return commandLine.execute(args);
    }

    @Command(name = "submit", description = "Submit the campaign spec in FILE (JSON); prints the campaign id.")
    int submit(@Parameters(paramLabel = "FILE") Path file) {
        CampaignRef submitted = client().submit(readSpec(file).text());
        out.println("campaign " + submitted.id() + " submitted (" + submitted.state() + ")");
        out.println("follow it: ./paretune watch " + submitted.id());
        return 0;
    }

    @Command(name = "run", description = "Submit, watch until finished, then print the trial table, the best trial "
            + "and the verdict.")
    int run(@Parameters(paramLabel = "FILE") Path file) throws InterruptedException {
        SpecFile spec = readSpec(file);
        ControllerClient client = client();
        CampaignRef submitted = client.submit(spec.text());
        out.println("campaign " + submitted.id() + " submitted from " + file);
        JsonNode maxEpochs = spec.tree().path("budget").path("maxEpochsPerTrial");
        return watch(client, submitted.id(), maxEpochs.isInt() ? maxEpochs.asInt() : null, true);
    }

    @Command(name = "list", description = "All campaigns, newest first.")
    int list() {
        var campaigns = client().campaigns();
        out.print(json ? pretty(campaigns) : Reports.campaignList(campaigns));
        return 0;
    }

    @Command(name = "status", description = "State, trial counts, best trial so far, seed, Pareto front, verdict.")
    int status(@Parameters(paramLabel = "ID") String id) {
        CampaignDetail campaign = client().campaign(id);
        out.print(json ? pretty(campaign) : Reports.campaignStatus(campaign) + Reports.paretoFront(campaign)
                + Reports.verdict(campaign));
        return 0;
    }

    @Command(name = "trials", description = "One row per trial: parameters, epochs, accuracy, latency, size.")
    int trials(@Parameters(paramLabel = "ID") String id) {
        ControllerClient client = client();
        List<TrialView> trials = client.trials(id);
        out.print(json ? pretty(trials) : Reports.trialTable(trials, client.campaign(id)));
        return 0;
    }

    @Command(name = "watch", description = "Follow a campaign (trials starting, each epoch, scores) until it is "
            + "finished, then print the verdict.")
    int watch(@Parameters(paramLabel = "ID") String id) throws InterruptedException {
        return watch(client(), id, null, false);
    }

    @Command(name = "cancel", description = "Cancel a pending or running campaign.")
    int cancel(@Parameters(paramLabel = "ID") String id) {
        CampaignRef answer = client().cancel(id);
        out.println("campaign " + id + " " + answer.state());
        return 0;
    }

    @Command(name = "download", description = "Save a scored trial's model, kept only if its SHA-256 is the one "
            + "the evaluator scored.")
    int download(@Parameters(index = "0", paramLabel = "CAMPAIGN") String campaignId,
                 @Parameters(index = "1", paramLabel = "TRIAL", description = "the trial's id, or its number") String trial,
                 @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                         description = "where to save it (a file, or a directory for the controller's file name; "
                                 + "default: that name in the current directory)") Path output) {
        ControllerClient client = client();
        ModelDownload model = client.downloadModel(campaignId, trialId(client, campaignId, trial),
                output == null ? Path.of(".") : output);
        out.println("saved " + model.file() + " (" + model.bytes() + " bytes), SHA-256 " + model.sha256()
                + ": the scored model");
        out.println("run it: ./paretune model-card " + campaignId + " " + trial + " (loadSnippet)");
        return 0;
    }

    @Command(name = "model-card", description = "Print a scored trial's model card (JSON): metrics, parameters, "
            + "compression, preprocessing, data split, seeds, hardware, artifact hash and a Java snippet that runs it.")
    int modelCard(@Parameters(index = "0", paramLabel = "CAMPAIGN") String campaignId,
                  @Parameters(index = "1", paramLabel = "TRIAL", description = "the trial's id, or its number") String trial) {
        ControllerClient client = client();
        out.print(pretty(client.modelCard(campaignId, trialId(client, campaignId, trial))));
        return 0;
    }

    /** A trial named by its number (as the trial table shows it) or by its id. */
    private static String trialId(ControllerClient client, String campaignId, String trial) {
        if (!TRIAL_NUMBER.matcher(trial).matches()) {
            return trial;
        }
        int number = Integer.parseInt(trial);
        return client.trials(campaignId).stream().filter(t -> t.number() == number).map(TrialView::id).findFirst()
                .orElseThrow(() -> new CliException("campaign " + campaignId + " has no trial " + number
                        + " (./paretune trials " + campaignId + " lists them)"));
    }

    private int watch(ControllerClient client, String id, Integer maxEpochs, boolean table) throws InterruptedException {
        Duration interval = interval();
        AtomicBoolean finished = new AtomicBoolean();
        // ./paretune demo stops the whole stack right after; elsewhere the campaign runs on without us.
        boolean stackStopsWithUs = "1".equals(System.getenv("PARETUNE_DEMO"));
        Thread hint = new Thread(() -> {
            if (!finished.get()) {
                out.println();
                out.println(stackStopsWithUs ? "stopped watching campaign " + id
                        : "stopped watching; campaign " + id + " goes on at " + client.base()
                        + " (./paretune cancel " + id + " stops it)");
            }
        });
        Runtime.getRuntime().addShutdownHook(hint);
        CampaignDetail campaign = new CampaignWatcher(client, out, interval, maxEpochs).watch(id);
        finished.set(true);
        out.println();
        if (table) {
            out.print(Reports.trialTable(client.trials(id), campaign));
            out.println();
        }
        out.println("Campaign " + id + " " + campaign.state() + Reports.reason(campaign.reason())
                + " · " + Formats.trialCounts(campaign.trialCounts()));
        out.print(Reports.bestAndSeed(campaign));
        out.print(Reports.paretoFront(campaign));
        out.print(Reports.verdict(campaign));
        return campaign.state() == CampaignState.COMPLETED ? 0 : CliException.FAILURE;
    }

    private ControllerClient client() {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null) {
                // The key comes from the environment only: an option would show it in ps and the shell history.
                return ControllerClient.withTokenFromEnvironment(uri);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw usage("--url must be an http(s) URL such as " + DEFAULT_URL + ", got '" + url + "'");
    }

    private Duration interval() {
        if (!(intervalSeconds > 0 && intervalSeconds <= 3600)) {
            throw usage("--interval must be between 0 and 3600 seconds, got " + intervalSeconds);
        }
        return Duration.ofMillis(Math.round(intervalSeconds * 1000));
    }

    /**
     * A spec file as written, sent as it is (so that the controller names a non-finite number by its field, as it
     * does for any client), and as read here by the controller's own strict reader.
     */
    private record SpecFile(String text, JsonNode tree) {
    }

    private static SpecFile readSpec(Path file) {
        try {
            String text = Files.readString(file);
            JsonNode spec = StrictJson.read(text);
            if (!spec.isObject()) {
                throw notAnObject(file);
            }
            return new SpecFile(text, spec);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file, CliException.USAGE, List.of());
        } catch (StrictJson.MalformedJsonException e) {
            if (e.isEmpty()) {
                throw notAnObject(file);
            }
            throw new CliException(file + " is not valid JSON (line " + e.line() + ", column " + e.column() + "): "
                    + e.problem(), CliException.USAGE, List.of());
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), CliException.USAGE, List.of());
        }
    }

    private static CliException notAnObject(Path file) {
        return new CliException(file + " does not hold a JSON object (a campaign spec)", CliException.USAGE, List.of());
    }

    private static String pretty(Object value) {
        try {
            return Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new CliException("cannot print JSON: " + e.getOriginalMessage());
        }
    }

    /** What a failed command says, and its exit status. */
    private static CliException failure(Exception e, ParetuneCli cli) {
        if (e instanceof CliException cliException) {
            return cliException;
        }
        if (e instanceof ControllerUnreachableException unreachable) {
            return new CliException(unreachable.getMessage() + ". Start the local stack with ./paretune up, or point "
                    + "--url / PARETUNE_URL at a running controller.");
        }
        if (e instanceof ApiException api) {
            String error = api.error().error() == null ? "" : api.error().error();
            if (api.status() == 400) {
                List<FieldError> fields = api.error().fieldErrors() == null ? List.of() : api.error().fieldErrors();
                return new CliException("the controller rejected the request: " + (error.isBlank() ? "HTTP 400" : error),
                        CliException.USAGE, fields.stream()
                        .map(f -> (f.field() == null || f.field().isEmpty() ? "(spec)" : f.field()) + ": " + f.message())
                        .toList());
            }
            if (api.status() == 404) {
                return new CliException(error + " at " + cli.url + " (./paretune list shows the known ones)");
            }
            return new CliException("the controller answered " + api.request() + " with HTTP " + api.status()
                    + (error.isBlank() ? "" : ": " + error));
        }
        if (e instanceof ModelDownloadException download) {
            return new CliException(download.getMessage());
        }
        if (e instanceof InterruptedException) {
            return new CliException("interrupted", 130, List.of());
        }
        return new CliException(e.toString());
    }

    private static CliException usage(String message) {
        return new CliException(message + " (--help lists the commands)", CliException.USAGE, List.of());
    }
}
