package io.paretune.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paretune.contract.api.ModelCard;
import io.paretune.contract.api.ModelDownload;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.trial.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ParetuneCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ParetuneCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("submit", "run", "list", "status", "trials", "watch", "cancel", "download", "model-card",
                        "--url", "Exit status");
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        assertThat(run("status")).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter: 'ID'");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("launch")).isEqualTo(2);
        assertThat(err()).contains("Unmatched argument", "launch");
    }

    @Test
    void aBadUrlOrIntervalIsAUsageErrorNamingTheOption() {
        assertThat(run("--url", "ftp://x", "list")).isEqualTo(2);
        assertThat(err()).contains("--url must be an http(s) URL");
        assertThat(run("--interval", "0", "watch", "some-id")).isEqualTo(2);
        assertThat(err()).contains("--interval must be between 0 and 3600 seconds");
    }

    @Test
    void aSpecFileThatIsNotJsonIsRefusedBeforeAnyRequest(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"name\": ");
        assertThat(run("--url", "http://127.0.0.1:1", "submit", spec.toString())).isEqualTo(2);
        assertThat(err()).contains("is not valid JSON (line 1");
        assertThat(run("submit", dir.resolve("absent.json").toString())).isEqualTo(2);
        assertThat(err()).contains("no such file");
    }

    /**
     * A stand-in controller on a real socket (the JDK's HTTP server): it serves one model file with the hash header
     * given, the campaign's trial list, and a model card.
     */
    private static HttpServer controller(byte[] model, String announcedSha256) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String trial = "/api/v1/campaigns/c-1/trials/t-7";
        server.createContext(trial + "/model", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", ModelDownload.MEDIA_TYPE);
            exchange.getResponseHeaders().add(ModelDownload.SHA256_HEADER, announcedSha256);
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"quick-trial-3.ptm.zip\"");
            exchange.sendResponseHeaders(200, model.length);
            try (var body = exchange.getResponseBody()) {
                body.write(model);
            }
        });
        server.createContext(trial + "/model-card", exchange -> respond(exchange, Json.write(card())));
        server.createContext("/api/v1/campaigns/c-1/trials", exchange -> respond(exchange, Json.write(List.of(
                new TrialView("t-7", "c-1", 3, TrialState.COMPLETE, Map.of("units", 64), 1, "w-1", true, List.of(),
                        new TreeMap<>(), Map.of("val_accuracy", 0.85), 0.85, null, null, "c-1/t-7/model-attempt-1.zip",
                        2, 4.0, "cpu", "test hardware", Instant.EPOCH, null, null, null, null, 0, 2, null)))));
        server.start();
        return server;
    }

    private static void respond(HttpExchange exchange, byte[] json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
        try (var body = exchange.getResponseBody()) {
            body.write(json);
        }
    }

    private static ModelCard card() {
        return new ModelCard("t-7", 3, "c-1", "quick", "mlp", Map.of("units", 64), Map.of("val_accuracy", 0.85),
                new ModelCard.CompressionView("none", null, null, null, null, null, null, "fp32", "fp32", 0.0, 50_890L,
                        50_890L, 1.08, null, 0.85, null),
                new ModelCard.PreprocessingView("one image", List.of(1, 784), "float32", "byte / 255", "10 probabilities",
                        List.of("T-shirt/top")),
                new ModelCard.DataView("fashion-mnist", 0.1, null, 42L, 54_000, 6_000, 10_000, "split"),
                new ModelCard.TrainingView(7L, 2, 2, false, 2, 4.0, "cpu", "w-1"),
                new ModelCard.EvaluationView("test hardware", Instant.EPOCH),
                new ModelCard.ArtifactView("quick-trial-3.ptm.zip", "paretune-compressed-model v1 (zip)",
                        "c-1/t-7/model-attempt-1.zip", 188_000L, "ab".repeat(32), true,
                        "/api/v1/campaigns/c-1/trials/t-7/model"),
                "public class RunModel {}");
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void downloadKeepsTheModelWhenItHashesToTheAnnouncedSha256(@TempDir Path dir) throws Exception {
        byte[] model = "PK a model, not really".repeat(5000).getBytes(StandardCharsets.UTF_8);
        HttpServer server = controller(model, sha256(model));
        try {
            assertThat(run("--url", url(server), "download", "c-1", "t-7", "-o", dir.toString())).as(err()).isZero();
            Path saved = dir.resolve("quick-trial-3.ptm.zip");
            assertThat(Files.readAllBytes(saved)).isEqualTo(model);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("saved " + saved, model.length + " bytes",
                    sha256(model));

            Path named = dir.resolve("by-number.zip");
            assertThat(run("--url", url(server), "download", "c-1", "3", "--output", named.toString())).as(err())
                    .isZero();
            assertThat(Files.readAllBytes(named)).as("trial 3 is t-7").isEqualTo(model);
            assertThat(run("--url", url(server), "download", "c-1", "4")).isEqualTo(1);
            assertThat(err()).contains("campaign c-1 has no trial 4");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void downloadKeepsNothingWhenTheBytesDoNotHashToTheAnnouncedSha256(@TempDir Path dir) throws Exception {
        byte[] model = "the scored model".getBytes(StandardCharsets.UTF_8);
        HttpServer server = controller("another model".getBytes(StandardCharsets.UTF_8), sha256(model));
        try {
            assertThat(run("--url", url(server), "download", "c-1", "t-7", "-o", dir.toString())).isEqualTo(1);
            assertThat(err()).contains("not to the " + sha256(model) + " the controller announced",
                    "the model was not kept");
            assertThat(dir).isEmptyDirectory();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void modelCardPrintsTheCardAsJson() throws Exception {
        HttpServer server = controller(new byte[0], sha256(new byte[0]));
        try {
            assertThat(run("--url", url(server), "model-card", "c-1", "3")).as(err()).isZero();
            ModelCard printed = Json.mapper().readValue(out.toString(StandardCharsets.UTF_8), ModelCard.class);
            assertThat(printed).isEqualTo(card());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aControllerThatDoesNotAnswerIsAFailureWithWhatToDo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(run("--url", "http://127.0.0.1:" + closedPort, "list")).isEqualTo(1);
        assertThat(err()).contains("cannot reach the Paretune controller", "./paretune up");
    }
}
