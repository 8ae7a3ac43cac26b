package io.paretune.controller.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paretune.contract.messaging.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Command-line client of the search-controller's REST API: submit a campaign, follow it epoch by epoch, print the
 * trial table and the best trial. A plain program (no CDI), so it starts in a fraction of a second.
 *
 * <pre>
 * java -cp search-controller/target/classes:$(cat search-controller/target/cli-classpath.txt) \
 *     io.paretune.controller.cli.ParetuneCli run examples/fashion-mnist-quick.json
 * </pre>
 */
public final class ParetuneCli {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private static final String USAGE = """
            Usage: paretune-cli [--url URL] [--interval SECONDS] [--json] COMMAND [ARG]

            Commands:
              submit FILE   submit the campaign spec in FILE (JSON); prints the campaign id
              run FILE      submit, watch until finished, then print the trial table and the best trial
              list          all campaigns, newest first
              status ID     state, trial counts, best trial so far, seed
              trials ID     one row per trial: parameters, epochs, accuracy, latency, size
              watch ID      follow a campaign every 2 s (trials starting, each epoch, scores) until it is finished
              cancel ID     cancel a pending or running campaign

            Options:
              --url URL           the controller (default $PARETUNE_URL, else http://127.0.0.1:8080)
              --interval SECONDS  how often watch/run poll (default 2)
              --json              status, trials, list: print the controller's JSON as is

            Exit status: 0 done (run/watch: campaign COMPLETED), 1 failure or campaign not completed,
            2 bad usage or spec rejected.
            """;

    private final PrintStream out;
    private final ObjectMapper json = Json.configure(new ObjectMapper());

    ParetuneCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        ParetuneCli cli = new ParetuneCli(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = cli.execute(args, System.getenv("PARETUNE_URL"));
        } catch (CliException e) {
            System.err.println("paretune: " + e.getMessage());
            e.details().forEach(d -> System.err.println("  " + d));
            status = e.exitCode();
        } catch (InterruptedException e) {
            status = 130;
        }
        System.exit(status);
    }

    /** Runs one command; returns the exit status. */
    int execute(String[] args, String urlFromEnvironment) throws InterruptedException {
        String url = urlFromEnvironment == null || urlFromEnvironment.isBlank() ? DEFAULT_URL : urlFromEnvironment;
        Duration interval = Duration.ofSeconds(2);
        boolean raw = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help") || a.equals("help")) {
                out.print(USAGE);
                return 0;
            } else if (a.equals("--url") || a.equals("--interval")) {
                if (i + 1 >= args.length) {
                    throw usage(a + " needs a value");
                }
                String value = args[++i];
                if (a.equals("--url")) {
                    url = value;
                } else {
                    interval = seconds(value);
                }
            } else if (a.startsWith("--url=")) {
                url = a.substring("--url=".length());
            } else if (a.startsWith("--interval=")) {
                interval = seconds(a.substring("--interval=".length()));
            } else if (a.equals("--json")) {
                raw = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                throw usage("unknown option " + a);
            } else {
                positional.add(a);
            }
        }
        if (positional.isEmpty()) {
            throw usage("no command given");
        }
        ControllerClient client = new ControllerClient(baseUri(url), json);
        String command = positional.get(0);
        List<String> rest = positional.subList(1, positional.size());
        return switch (command) {
            case "submit" -> submit(client, one(command, rest, "FILE"));
            case "run" -> run(client, one(command, rest, "FILE"), interval);
            case "list" -> {
                none(command, rest);
                JsonNode campaigns = client.campaigns();
                out.print(raw ? pretty(campaigns) : Reports.campaignList(campaigns));
                yield 0;
            }
            case "status" -> {
                JsonNode campaign = client.campaign(one(command, rest, "ID"));
                out.print(raw ? pretty(campaign) : Reports.campaignStatus(campaign) + Reports.paretoFront(campaign));
                yield 0;
            }
            case "trials" -> {
                String id = one(command, rest, "ID");
                JsonNode trials = client.trials(id);
                if (raw) {
                    out.print(pretty(trials));
                } else {
                    JsonNode campaign = client.campaign(id);
                    out.print(Reports.trialTable(Reports.trials(trials), campaign));
                }
                yield 0;
            }
            case "watch" -> watch(client, one(command, rest, "ID"), interval, null, false);
            case "cancel" -> {
                String id = one(command, rest, "ID");
                JsonNode answer = client.cancel(id);
                out.println("campaign " + id + " " + answer.path("state").asText("cancel requested"));
                yield 0;
            }
            default -> throw usage("unknown command '" + command + "'");
        };
    }

    private int submit(ControllerClient client, String file) {
        JsonNode submitted = client.submit(readSpec(file));
        String id = submitted.path("id").asText();
        out.println("campaign " + id + " submitted (" + submitted.path("state").asText("?") + ")");
        out.println("follow it: ./paretune watch " + id);
        return 0;
    }

    private int run(ControllerClient client, String file, Duration interval) throws InterruptedException {
        JsonNode spec = readSpec(file);
        JsonNode submitted = client.submit(spec);
        String id = submitted.path("id").asText();
        out.println("campaign " + id + " submitted from " + file);
        JsonNode maxEpochs = spec.path("budget").path("maxEpochsPerTrial");
        return watch(client, id, interval, maxEpochs.isInt() ? maxEpochs.asInt() : null, true);
    }

    private int watch(ControllerClient client, String id, Duration interval, Integer maxEpochs, boolean table)
            throws InterruptedException {
        AtomicBoolean finished = new AtomicBoolean();
        // ./paretune demo stops the whole stack right after; elsewhere the campaign runs on without us.
        boolean stackStopsWithUs = "1".equals(System.getenv("PARETUNE_DEMO"));
        Thread hint = new Thread(() -> {
            if (!finished.get()) {
                out.println();
                out.println(stackStopsWithUs ? "stopped watching campaign " + id
                        : "stopped watching; campaign " + id + " goes on at " + client.base()
                        + " (./paretune cli cancel " + id + " stops it)");
            }
        });
        Runtime.getRuntime().addShutdownHook(hint);
        JsonNode campaign = new CampaignWatcher(client, out, interval, maxEpochs).watch(id);
        finished.set(true);
        out.println();
        if (table) {
            out.print(Reports.trialTable(Reports.trials(client.trials(id)), campaign));
            out.println();
        }
        out.println("Campaign " + id + " " + campaign.path("state").asText()
                + (campaign.hasNonNull("reason") ? " (" + campaign.get("reason").asText() + ")" : "")
                + " · " + Formats.trialCounts(campaign.path("trialCounts")));
        out.print(Reports.bestAndSeed(campaign));
        out.print(Reports.paretoFront(campaign));
        return "COMPLETED".equals(campaign.path("state").asText()) ? 0 : CliException.FAILURE;
    }

    private JsonNode readSpec(String file) {
        Path path = Path.of(file);
        try {
            JsonNode spec = json.readTree(Files.readString(path));
            if (spec == null || !spec.isObject()) {
                throw new CliException(file + " does not hold a JSON object (a campaign spec)", CliException.USAGE, List.of());
            }
            return spec;
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file, CliException.USAGE, List.of());
        } catch (JsonProcessingException e) {
            throw new CliException(file + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(), CliException.USAGE, List.of());
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), CliException.USAGE, List.of());
        }
    }

    private String pretty(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new CliException("cannot print JSON: " + e.getOriginalMessage());
        }
    }

    private static URI baseUri(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw usage("--url must be an http(s) URL such as " + DEFAULT_URL + ", got '" + url + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw usage("--url must be an http(s) URL such as " + DEFAULT_URL + ", got '" + url + "'");
        }
    }

    private static Duration seconds(String value) {
        try {
            double s = Double.parseDouble(value);
            if (s <= 0 || s > 3600) {
                throw usage("--interval must be between 0 and 3600 seconds, got " + value);
            }
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw usage("--interval must be a number of seconds, got " + value);
        }
    }

    private static String one(String command, List<String> args, String what) {
        if (args.size() != 1) {
            throw usage(command + " takes exactly one " + what);
        }
        return args.get(0);
    }

    private static void none(String command, List<String> args) {
        if (!args.isEmpty()) {
            throw usage(command + " takes no argument");
        }
    }

    private static CliException usage(String message) {
        return new CliException(message + " (--help lists the commands)", CliException.USAGE, List.of());
    }
}
