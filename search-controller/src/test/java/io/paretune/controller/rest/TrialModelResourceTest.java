package io.paretune.controller.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.api.ApiException;
import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.api.ModelCard;
import io.paretune.contract.api.ModelDownload;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.contract.trial.TrialJob;
import io.paretune.controller.model.ModelArtifacts;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.ModelFiles;
import io.paretune.controller.testing.OpenApiSchemas;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.paretune.ml.compress.ArtifactFacts;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.compress.CompressedModel;
import io.paretune.artifacts.FileArtifactStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A scored trial's model and model card over the API. The test plays worker and evaluator over the real broker:
 * it writes real compressed artifacts of small DL4J networks into the artifact store the controller serves from,
 * reports them trained, and scores them with their SHA-256; then downloads, reads cards, and tries every refusal.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrialModelResourceTest {

    private static final String WORKER = "worker-card";
    private static final double SPARSITY = 0.8;

    @Inject
    ModelArtifacts artifacts;

    @TestHTTPResource("/")
    URI controller;

    private KafkaPlayer player;
    private FileArtifactStore store;
    private String campaignId;
    private Map<Integer, TrialJob> jobs;

    /** The trials of the campaign, one per case. */
    private static final int GOOD = 0;
    private static final int TAMPERED = 1;
    private static final int DOT_DOT = 2;
    private static final int LINK_OUT = 3;
    private static final int FILE_GONE = 4;
    private static final int NO_SHA = 5;
    private static final int UNSCORED = 6;

    private ArtifactFacts good;

    /** Once, before the first test (the API's port is set up only around each test, so not in a BeforeAll). */
    @BeforeEach
    void scoreTheCampaignsTrials() throws IOException {
        if (campaignId != null) {
            return;
        }
        player = new KafkaPlayer();
        store = (FileArtifactStore) artifacts.store();
        campaignId = Api.submit(compressionSpec(7));
        jobs = new LinkedHashMap<>();
        for (TrialJob job : player.awaitJobs(campaignId, 7, Duration.ofSeconds(60))) {
            jobs.put(job.trialNumber(), job);
        }

        good = trainAndScore(GOOD, modelPath(GOOD), true);

        trainAndScore(TAMPERED, modelPath(TAMPERED), true);
        // After scoring, the file is replaced by another network's: what lies there now is not what was scored.
        ModelFiles.write(store, modelPath(TAMPERED), job(TAMPERED).params(), 99L, 0.5, Precision.INT8);

        // A real artifact outside the store, named by a forged relative path and reached through a link.
        Path outside = store.root().getParent().resolve("outside-" + UUID.randomUUID() + ".ptm.zip");
        ArtifactFacts outsideFacts = ModelFiles.write(new FileArtifactStore(outside.getParent()),
                outside.getFileName().toString(), job(DOT_DOT).params(), 5L, SPARSITY, Precision.INT8);
        report(DOT_DOT, modelPath(DOT_DOT), outsideFacts, outsideFacts.sha256());
        Path link = store.resolve(modelPath(LINK_OUT));
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, outside);
        report(LINK_OUT, modelPath(LINK_OUT), outsideFacts, outsideFacts.sha256());

        ArtifactFacts gone = trainAndScore(FILE_GONE, modelPath(FILE_GONE), true);
        assertThat(gone).isNotNull();
        Files.delete(store.resolve(modelPath(FILE_GONE)));

        trainAndScore(NO_SHA, modelPath(NO_SHA), false);

        // Results and scores travel on different topics: wait until both are in for each scored trial.
        Api.awaitTrials(campaignId, Duration.ofSeconds(30), trials -> trials.getList(
                "findAll { it.state == 'COMPLETE' && it.artifactPath != null }").size() == 6);
        // Messages can no longer name such a path, but a row stored before they were checked may: served, it is
        // still refused.
        QuarkusTransaction.requiringNew().run(() -> TrialEntity.update("artifactPath = ?1 where id = ?2",
                "../" + outside.getFileName(), job(DOT_DOT).trialId()));
    }

    @AfterAll
    void close() {
        if (player != null) {
            player.close();
        }
    }

    private ObjectNode compressionSpec(int trials) {
        ObjectNode spec = Specs.parse("""
                {"name": "Model card: int8 MLP", "modelFamily": "mlp",
                 "dataset": {"name": "fashion-mnist", "validationFraction": 0.1, "trainLimit": 1000, "splitSeed": 11},
                 "searchSpace": {"hiddenLayers": 1, "units": 32, "epochs": 2,
                                 "learningRate": {"type": "float", "low": 1e-4, "high": 1e-2, "log": true},
                                 "pruning": "magnitude", "targetSparsity": 0.8, "pruningScope": "global",
                                 "fineTuneEpochs": 1, "precision": "int8"},
                 "objectives": [{"metric": "val_accuracy"}, {"metric": "model_size_bytes"}],
                 "budget": {"maxTrials": %d, "maxParallel": %d, "maxEpochsPerTrial": 2},
                 "strategy": {"sampler": "random", "seed": 7}}""".formatted(trials, trials));
        return spec;
    }

    private TrialJob job(int number) {
        return jobs.get(number);
    }

    private String modelPath(int number) {
        return store.modelPath(campaignId, job(number).trialId(), 1);
    }

    private String modelUrl(int number) {
        return "/api/v1/campaigns/" + campaignId + "/trials/" + job(number).trialId() + "/model";
    }

    /** Writes the trial's model, reports it trained, scores it (naming its SHA-256 when {@code withSha}). */
    private ArtifactFacts trainAndScore(int number, String path, boolean withSha) {
        ArtifactFacts facts = ModelFiles.write(store, path, job(number).params(), 42L + number, SPARSITY,
                Precision.INT8);
        report(number, path, facts, withSha ? facts.sha256() : null);
        return facts;
    }

    private void report(int number, String path, ArtifactFacts facts, String sha) {
        TrialJob job = job(number);
        player.started(job, 1, WORKER);
        player.trainedModel(job, 1, WORKER, path, 0.83, 1);
        player.scoredModel(job, 1, metrics(facts), facts.computePrecision(), sha);
    }

    /** What the evaluator would report for the file, its figures taken from the artifact itself. */
    private static Map<String, Double> metrics(ArtifactFacts facts) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_accuracy", 0.81);
        m.put("test_accuracy", 0.80);
        m.put("accuracy_drop", 0.02);
        m.put("model_size_bytes", (double) facts.fileBytes());
        m.put("param_count", (double) facts.paramCount());
        m.put("nonzero_params", (double) facts.nonzeroParams());
        m.put("sparsity", facts.sparsity());
        m.put("compression_ratio", facts.compressionRatio());
        m.put("latency_ms_p50", 0.12);
        return m;
    }

    @Test
    void theModelIsTheScoredFileWithItsHashAndName() throws IOException {
        Response response = given().get(modelUrl(GOOD));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        byte[] body = response.asByteArray();
        assertThat(body).isEqualTo(Files.readAllBytes(store.resolve(modelPath(GOOD))));
        assertThat(response.contentType()).isEqualTo(ModelDownload.MEDIA_TYPE);
        assertThat(response.header(ModelDownload.SHA256_HEADER)).isEqualTo(good.sha256());
        assertThat(response.header("Repr-Digest")).isEqualTo("sha-256=:"
                + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(good.sha256())) + ":");
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(good.fileBytes()));
        assertThat(response.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"model-card-int8-mlp-trial-0.ptm.zip\"");
    }

    @Test
    void theJavaClientKeepsTheVerifiedFileAndItLoadsBack(@TempDir Path dir) throws IOException {
        ControllerClient client = new ControllerClient(controller);
        ModelDownload download = client.downloadModel(campaignId, job(GOOD).trialId(), dir);

        assertThat(download.file()).isEqualTo(dir.resolve("model-card-int8-mlp-trial-0.ptm.zip"));
        assertThat(download.sha256()).isEqualTo(good.sha256());
        assertThat(download.bytes()).isEqualTo(good.fileBytes());
        assertThat(CompressedArtifact.sha256(download.file())).isEqualTo(good.sha256());
        CompressedModel model = CompressedArtifact.read(download.file());
        assertThat(model.facts().nonzeroParams()).isEqualTo(good.nonzeroParams());
        assertThat(model.network().output(org.nd4j.linalg.factory.Nd4j.zeros(1, 784)).shape())
                .containsExactly(1, 10);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(download.file());
        }
    }

    @Test
    void theCardStatesTheModelAsRecorded() {
        ModelCard card = new ControllerClient(controller).modelCard(campaignId, job(GOOD).trialId());

        assertThat(card.trialId()).isEqualTo(job(GOOD).trialId());
        assertThat(card.number()).isEqualTo(GOOD);
        assertThat(card.campaignId()).isEqualTo(campaignId);
        assertThat(card.campaignName()).isEqualTo("Model card: int8 MLP");
        assertThat(card.modelFamily()).isEqualTo("mlp");
        assertThat(card.params()).containsEntry("pruning", "magnitude").containsKey("learningRate");
        assertThat(card.params().get("units")).hasToString("32");
        assertThat(card.metrics()).isEqualTo(metrics(good));

        ModelCard.CompressionView c = card.compression();
        assertThat(c.pruning()).isEqualTo("magnitude");
        assertThat(c.targetSparsity()).isEqualTo(0.8);
        assertThat(c.pruningScope()).isEqualTo("global");
        assertThat(c.fineTuneEpochs()).isEqualTo(1);
        assertThat(c.pruneStartEpoch()).as("gradual pruning only").isNull();
        assertThat(c.pruneEndEpoch()).isNull();
        assertThat(c.prunedAfterEpoch()).isEqualTo(1);
        assertThat(c.precision()).isEqualTo("int8");
        assertThat(c.computePrecision()).isEqualTo("fp32 (dequantized int8 weights)");
        assertThat(c.sparsity()).isEqualTo(good.sparsity());
        assertThat(c.nonzeroParams()).isEqualTo(good.nonzeroParams());
        assertThat(c.paramCount()).isEqualTo(good.paramCount());
        assertThat(c.compressionRatio()).isEqualTo(good.compressionRatio());
        assertThat(c.uncompressedValAccuracy()).isEqualTo(0.83);
        assertThat(c.valAccuracy()).isEqualTo(0.81);
        assertThat(c.accuracyDrop()).isEqualTo(0.02);

        assertThat(card.preprocessing().inputShape()).containsExactly(1, 784);
        assertThat(card.preprocessing().dataType()).isEqualTo("float32");
        assertThat(card.preprocessing().pixelScaling()).contains("divided by 255");
        assertThat(card.preprocessing().classes()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");

        ModelCard.DataView data = card.data();
        assertThat(data.name()).isEqualTo("fashion-mnist");
        assertThat(data.validationFraction()).isEqualTo(0.1);
        assertThat(data.trainLimit()).isEqualTo(1000);
        assertThat(data.splitSeed()).isEqualTo(11L);
        assertThat(data.validationImages()).isEqualTo(6000);
        assertThat(data.trainImages()).isEqualTo(1000);
        assertThat(data.testImages()).isEqualTo(10_000);

        ModelCard.TrainingView training = card.training();
        assertThat(training.seed()).isEqualTo(job(GOOD).seed());
        assertThat(training.epochsTrained()).isEqualTo(2);
        assertThat(training.bestEpoch()).isEqualTo(1);
        assertThat(training.stoppedEarly()).isTrue();
        assertThat(training.maxEpochs()).isEqualTo(2);
        assertThat(training.trainSeconds()).isCloseTo(6.5, within(1e-9));
        assertThat(training.backend()).isEqualTo("CpuBackend (test)");
        assertThat(training.workerId()).isEqualTo(WORKER);
        assertThat(card.evaluation().hardware()).isEqualTo("test hardware (2 cores)");
        assertThat(card.evaluation().scoredAt()).isNotNull();

        ModelCard.ArtifactView artifact = card.artifact();
        assertThat(artifact.fileName()).isEqualTo("model-card-int8-mlp-trial-0.ptm.zip");
        assertThat(artifact.path()).isEqualTo(modelPath(GOOD));
        assertThat(artifact.sizeBytes()).isEqualTo(good.fileBytes());
        assertThat(artifact.sha256()).isEqualTo(good.sha256());
        assertThat(artifact.available()).isTrue();
        assertThat(artifact.downloadPath()).isEqualTo(modelUrl(GOOD));
        assertThat(card.loadSnippet()).contains("CompressedArtifact.read(", "model-card-int8-mlp-trial-0.ptm.zip",
                ".output(");
    }

    @Test
    void theCardIsValidAgainstItsOpenApiSchema() throws IOException {
        OpenApiSchemas openApi = new OpenApiSchemas(given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        String schema = "/paths" + OpenApiSchemas.step("/api/v1/campaigns/{id}/trials/{trialId}/model-card")
                + "/get/responses/200/content" + OpenApiSchemas.step("application/json") + "/schema";
        for (int number : List.of(GOOD, FILE_GONE)) {
            String card = given().get(modelUrl(number) + "-card").then().statusCode(200).extract().asString();
            assertThat(openApi.errors(schema, Json.mapper().readTree(card))).as(card).isEmpty();
        }
    }

    @Test
    void aFileThatIsNotTheScoredOneIsRefused(@TempDir Path dir) {
        given().get(modelUrl(TAMPERED)).then().statusCode(409).contentType(ContentType.JSON)
                .body("error", org.hamcrest.Matchers.containsString("is not the file the evaluator scored"));
        assertThatThrownBy(() -> new ControllerClient(controller).downloadModel(campaignId, job(TAMPERED).trialId(), dir))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aPathOutOfTheStoreIsRefusedEvenWhenTheFileMatches() {
        for (int number : List.of(DOT_DOT, LINK_OUT)) {
            given().get(modelUrl(number)).then().statusCode(409).contentType(ContentType.JSON)
                    .body("error", org.hamcrest.Matchers.containsString("leads out of the artifact store"));
        }
    }

    @Test
    void aScoredModelGoneFromTheStoreIsGoneButKeepsItsCard() {
        given().get(modelUrl(FILE_GONE)).then().statusCode(410).contentType(ContentType.JSON)
                .body("error", org.hamcrest.Matchers.containsString("no longer in the artifact store"));
        given().get(modelUrl(FILE_GONE) + "-card").then().statusCode(200)
                .body("artifact.available", org.hamcrest.Matchers.equalTo(false))
                .body("artifact.sizeBytes", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void unknownOrUnscoredTrialsAre404() {
        String campaigns = "/api/v1/campaigns/";
        for (String suffix : List.of("/model", "/model-card")) {
            given().get(campaigns + "absent/trials/" + job(GOOD).trialId() + suffix).then().statusCode(404)
                    .body("error", org.hamcrest.Matchers.equalTo("no campaign with id 'absent'"));
            given().get(campaigns + campaignId + "/trials/absent" + suffix).then().statusCode(404)
                    .body("error", org.hamcrest.Matchers.containsString("has no trial with id 'absent'"));
            given().get(modelUrl(UNSCORED).replace("/model", suffix)).then().statusCode(404)
                    .body("error", org.hamcrest.Matchers.containsString("only a scored (COMPLETE) trial has a model"));
            given().get(modelUrl(NO_SHA).replace("/model", suffix)).then().statusCode(404)
                    .body("error", org.hamcrest.Matchers.containsString("scored without the SHA-256"));
        }
    }

    @Test
    void anExternalCampaignsTrialsHaveNoModel() throws IOException {
        String external = given().contentType(ContentType.JSON)
                .body(Files.readString(Path.of("..", "examples", "external-quadratic.json")))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        String trialId = given().post("/api/v1/campaigns/" + external + "/trials/ask").then().statusCode(200)
                .extract().path("trialId");
        given().contentType(ContentType.JSON).body("{\"values\": {\"loss\": 1.5}}")
                .post("/api/v1/campaigns/" + external + "/trials/" + trialId + "/tell").then().statusCode(200);
        given().get("/api/v1/campaigns/" + external + "/trials/" + trialId + "/model").then().statusCode(404)
                .body("error", org.hamcrest.Matchers.containsString("external campaign"));
    }
}
