package io.paretune.controller.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.artifacts.FileArtifactStore;
import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.contract.trial.TrialJob;
import io.paretune.controller.model.ModelArtifacts;
import io.paretune.controller.testing.ModelFiles;
import io.paretune.ml.compress.ArtifactFacts;
import jakarta.inject.Inject;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.Browser;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real browser (headless chromium) against the controller, its broker and database: a campaign the
 * test plays worker and evaluator for, drawn with the API's Pareto front and verdict; a spec refused field by field,
 * then one submitted, its trial appearing live and the campaign cancelled from the page; the list and the workers.
 * Any console error fails the test; each page is saved under target/screenshots.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageTest {

    private static final String WORKER = "worker-web";
    /**
     * Per trial number: validation accuracy and batch-1 latency. Trial 1 misses the latency constraint (0.42); of the
     * feasible ones, 3 is beaten by 2, leaving a front of 0, 2 and 4.
     */
    private static final double[][] SCORES = {{0.86, 0.40}, {0.80, 0.45}, {0.84, 0.20}, {0.79, 0.30}, {0.81, 0.10}};

    @TestHTTPResource("/")
    URI controller;

    @Inject
    ModelArtifacts artifacts;

    private Browser browser;
    private KafkaPlayer player;
    private String scoredCampaign;

    /** Once, before the first test (the HTTP port is known only around each test). */
    @BeforeEach
    void openTheBrowserAndScoreACampaign() {
        if (browser != null) {
            return;
        }
        browser = Browser.open(controller.toString());
        player = new KafkaPlayer();
        ObjectNode spec = Specs.valid(6, 6);
        spec.put("name", "accuracy against latency");
        spec.putArray("constraints").addObject().put("metric", "latency_ms_p50").put("max", 0.42);
        scoredCampaign = Api.submit(spec);
        for (TrialJob job : player.awaitJobs(scoredCampaign, 6, Duration.ofSeconds(60))) {
            int n = job.trialNumber();
            player.started(job, 1, WORKER);
            if (n == 5) {
                player.trainingFailed(job, 1, WORKER, "diverged: loss became NaN at epoch 1");
                continue;
            }
            player.epoch(job, 1, WORKER, 1, SCORES[n][0] - 0.05);
            player.epoch(job, 1, WORKER, 2, SCORES[n][0]);
            player.trained(job, 1, WORKER, 2);
            player.scored(job, 1, SCORES[n][0], SCORES[n][1]);
        }
        Api.awaitCampaign(scoredCampaign, Duration.ofSeconds(60), c -> "COMPLETED".equals(c.getString("state")));
    }

    @AfterEach
    void noConsoleErrors() {
        if (browser != null) {
            browser.assertNoConsoleErrors();
        }
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
            player.close();
        }
    }

    @Test
    void theCampaignPageDrawsTheApisParetoFrontAndVerdict() {
        JsonPath pareto = Api.campaign(scoredCampaign).setRoot("");
        JsonPath front = given().get("/api/v1/campaigns/" + scoredCampaign + "/pareto")
                .then().statusCode(200).extract().jsonPath();
        List<Integer> frontNumbers = front.<Integer>getList("front.number").stream().sorted().toList();
        assertThat(frontNumbers).as("the seeded front").containsExactly(0, 2, 4);
        Integer verdict = pareto.getInt("verdict.number");

        browser.size(1280, 800);
        browser.go("#/campaigns/" + scoredCampaign);
        WebElement chart = browser.find("#tradeoff canvas");
        String expectedFront = frontNumbers.stream().map(String::valueOf).collect(Collectors.joining(","));
        browser.await(d -> expectedFront.equals(d.findElement(By.id("tradeoff")).getAttribute("data-front")));
        assertThat(browser.find("#tradeoff").getAttribute("data-chosen")).isEqualTo(String.valueOf(verdict));
        assertThat(browser.find("#tradeoff").getAttribute("data-infeasible")).isEqualTo("1");
        WebElement sentence = browser.find("#verdict");
        assertThat(sentence.getAttribute("data-number")).isEqualTo(String.valueOf(verdict));
        assertThat(sentence.getText()).contains(pareto.getString("verdict.sentence"));
        assertThat(chart.getSize().getWidth()).isGreaterThan(600);
        // Every trial in the table, the failed one with its reason; the importance panel says why it has no shares
        // or draws them.
        browser.await(d -> d.findElements(By.cssSelector("#trials tbody tr")).size() == 6);
        assertThat(browser.text("#trials tr[data-number='5']")).contains("diverged: loss became NaN");
        browser.await(d -> !d.findElement(By.id("importance-note")).getText().isEmpty());
        assertThat(browser.text("#importance-note")).contains("random forest");
        assertThat(horizontalOverflow()).as("horizontal overflow at 1280x800").isLessThanOrEqualTo(0);
        // Hovering a point shows its trial's parameters: the tooltip the chart was given, asked for the verdict's.
        Object tip = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/webjars/echarts/dist/echarts.esm.min.js').then(echarts => {
                  const option = echarts.getInstanceByDom(document.getElementById('tradeoff')).getOption();
                  const verdict = option.series.find(s => s.name === 'verdict').data[0];
                  done(option.tooltip[0].formatter({value: verdict.value || verdict}));
                }).catch(e => done('failed: ' + e));""");
        // The history and the parallel coordinates draw every COMPLETE trial, the best so far never worsening.
        Object drawn = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/webjars/echarts/dist/echarts.esm.min.js').then(echarts => {
                  const option = id => echarts.getInstanceByDom(document.getElementById(id)).getOption();
                  const history = option('history').series;
                  const best = history.find(s => s.name === 'best so far').data.map(p => (p.value || p)[1]);
                  done(JSON.stringify({history: history[0].data.length, best,
                    lines: option('parallel').series[0].data.length}));
                }).catch(e => done('failed: ' + e));""");
        assertThat(drawn).isEqualTo("{\"history\":5,\"best\":[0.86,0.86,0.86,0.86,0.86],\"lines\":5}");
        JsonPath chosen = Api.trial(scoredCampaign, verdict);
        assertThat((String) tip).startsWith("trial #" + verdict).contains("val_accuracy: " + chosen.getDouble("metrics.val_accuracy"))
                .contains("learningRate: ").contains("activation: " + chosen.getString("params.activation"));
        browser.screenshot("campaign");

        // Sorting the table by the primary objective puts the verdict's best-accuracy trial first when descending.
        browser.click("#trials th[data-key='m:val_accuracy']");
        browser.click("#trials th[data-key='m:val_accuracy']");
        assertThat(firstRowNumber()).isEqualTo("0");

        browser.colorScheme("dark");
        String background = (String) browser.script("return getComputedStyle(document.body).backgroundColor");
        assertThat(brightness(background)).as(background).isLessThan(60);
        browser.screenshot("campaign-dark");
        browser.colorScheme("light");

        browser.size(390, 844);
        browser.go("#/campaigns/" + scoredCampaign);
        browser.find("#tradeoff canvas");
        browser.await(d -> d.findElements(By.cssSelector("#trials tbody tr")).size() == 6);
        assertThat(horizontalOverflow()).as("horizontal overflow at phone width").isLessThanOrEqualTo(0);
        browser.screenshot("campaign-phone");
        browser.size(1280, 800);
    }

    @Test
    void aPrunedTrialsCurveStopsAtItsRung() {
        // ASHA (reduction factor 2) at epoch 1: the better of two trials goes on, the other is pruned there.
        String id = Api.submit(Specs.withPruner(Specs.valid(2, 2), 3));
        List<TrialJob> jobs = player.awaitJobs(id, 2, Duration.ofSeconds(30));
        double[] accuracy = {0.80, 0.30};
        for (int i = 0; i < 2; i++) {
            player.started(jobs.get(i), 1, WORKER);
            player.epoch(jobs.get(i), 1, WORKER, 1, accuracy[i]);
            player.checkpointed(jobs.get(i), 1, WORKER, accuracy[i]);
        }
        Api.awaitTrials(id, Duration.ofSeconds(30), t -> t.getList("findAll { it.state == 'PRUNED' }").size() == 1
                && t.getList("find { it.state == 'PRUNED' }.history").size() == 1);
        String pruned = String.valueOf(Api.trials(id).getInt("find { it.state == 'PRUNED' }.number"));

        browser.go("#/campaigns/" + id);
        browser.await(d -> pruned.equals(d.findElement(By.id("curves")).getAttribute("data-pruned")));
        assertThat(browser.text("#trials tr[data-number='" + pruned + "']")).contains("pruned by asha after epoch 1");
        given().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void aTrialLinksToItsDetail() {
        browser.go("#/campaigns/" + scoredCampaign + "/trials/2");
        assertThat(browser.text("#trial-state")).isEqualTo("complete");
        browser.await(d -> d.findElements(By.cssSelector("#epochs tbody tr")).size() == 2);
        assertThat(browser.text("main")).contains(WORKER).contains("CpuBackend (test)")
                .contains("latency_ms_p50");
        browser.screenshot("trial");
        // Scored without an artifact hash: asked for its card, the page says the API has none, as the API does.
        assertThat(browser.takeConsoleErrors()).isEmpty();
        browser.click("#show-card");
        browser.await(d -> d.findElement(By.id("model-status")).getText().startsWith("No model card"));
        assertThat(browser.takeConsoleErrors()).as("the only error: the card's 404 the user asked for")
                .singleElement().asString().contains("/model-card").contains("404");
    }

    @Test
    void aScoredTrialsModelCardShowsAndItsModelDownloads() throws Exception {
        String id = Api.submit(Specs.valid(1, 1));
        TrialJob job = player.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
        FileArtifactStore store = (FileArtifactStore) artifacts.store();
        String path = store.modelPath(id, job.trialId(), 1);
        ArtifactFacts facts = ModelFiles.write(store, path, job.params(), 42L, 0.5, Precision.INT8);
        player.started(job, 1, WORKER);
        player.trainedModel(job, 1, WORKER, path, 0.83, 1);
        player.scoredModel(job, 1, Map.of("val_accuracy", 0.81, "latency_ms_p50", 0.12,
                "model_size_bytes", (double) facts.fileBytes()), facts.computePrecision(), facts.sha256());
        Api.awaitCampaign(id, Duration.ofSeconds(30), c -> "COMPLETED".equals(c.getString("state")));

        Path downloads = browser.downloadsTo(Path.of("target", "browser-downloads"));
        browser.go("#/campaigns/" + id + "/trials/0");
        browser.click("#show-card");
        browser.await(d -> d.findElement(By.id("model-status")).getText().contains(facts.sha256()));
        assertThat(browser.text("#model-card")).contains("loadSnippet").contains(facts.sha256());
        browser.screenshot("trial-model");
        browser.click("#download-model");
        // Saved under the name the API gives (Content-Disposition), as the model card names it.
        Path saved = downloads.resolve(given()
                .get("/api/v1/campaigns/" + id + "/trials/" + job.trialId() + "/model-card")
                .then().statusCode(200).extract().<String>path("artifact.fileName"));
        browser.await(d -> Files.isRegularFile(saved));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(saved))))
                .as("the downloaded file is the scored one").isEqualTo(facts.sha256());
    }

    /** The line (from 1) of the first occurrence of {@code key} in {@code text}. */
    private static int lineOf(String text, String key) {
        return (int) text.substring(0, text.indexOf(key)).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void anInvalidSpecShowsItsFieldErrorsAndAValidOneRunsLiveUntilCancelled() {
        browser.go("#/new");
        WebElement editor = browser.find("#spec");
        assertThat(editor.getAttribute("value")).as("prefilled from the API's examples").contains("searchSpace");
        assertThat(browser.find("#catalogue").getText()).contains("hiddenLayers");

        ObjectNode invalid = Specs.valid(3, 1);
        invalid.with("budget").put("maxTrials", 0);
        invalid.with("strategy").put("sampler", "annealing");
        setSpec(invalid.toPrettyString());
        browser.find("#submit").click();
        WebElement error = browser.find("#field-errors li[data-field='budget.maxTrials']");
        assertThat(error.getText()).contains("positive");
        assertThat(browser.find("#field-errors li[data-field='strategy.sampler']").getText()).contains("annealing");
        String text = invalid.toPrettyString();
        assertThat(browser.find("#spec-gutter .mark[data-line='" + lineOf(text, "\"maxTrials\"") + "']")
                .getAttribute("title")).as("marked beside its field").contains("budget.maxTrials");
        assertThat(browser.find("#spec-gutter .mark[data-line='" + lineOf(text, "\"sampler\"") + "']")
                .getAttribute("title")).contains("strategy.sampler").contains("annealing");
        assertThat(browser.driver().findElements(By.cssSelector("#spec-gutter .mark"))).hasSize(2);
        browser.screenshot("new-campaign-errors");
        assertThat(browser.takeConsoleErrors()).as("the only error: the 400 of the invalid spec")
                .singleElement().asString().contains("/api/v1/campaigns").contains("400");

        ObjectNode valid = Specs.valid(2, 1);
        valid.put("name", "submitted from the page");
        setSpec(valid.toPrettyString());
        browser.find("#submit").click();
        browser.await(d -> d.getCurrentUrl().contains("#/campaigns/"));
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/campaigns/", "");
        assertThat(Api.campaign(id).getString("name")).isEqualTo("submitted from the page");

        TrialJob job = player.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
        browser.find("#trials tr[data-number='0']");
        player.runToScore(job, WORKER, 0.83);
        browser.await(d -> "COMPLETE".equals(d.findElement(By.cssSelector("#trials tr[data-number='0']"))
                .getAttribute("data-state")));

        browser.click("[data-action='cancel']");
        browser.click("[data-action='confirm-cancel']");
        browser.await(d -> d.findElement(By.id("campaign-state")).getText().equals("cancelled"));
        assertThat(Api.campaign(id).getString("state")).isEqualTo("CANCELLED");
    }

    @Test
    void theListFiltersByStateAndTheWorkersPageShowsWhoTrained() {
        browser.go("#/");
        browser.find("#campaigns tr[data-campaign='" + scoredCampaign + "']");
        assertThat(browser.text("#campaigns tr[data-campaign='" + scoredCampaign + "']"))
                .contains("accuracy against latency").contains("5 complete").contains("1 fail");
        new org.openqa.selenium.support.ui.Select(browser.find("#state-filter")).selectByValue("CANCELLED");
        browser.await(d -> d.findElements(By.cssSelector("#campaigns tr[data-campaign='" + scoredCampaign + "']"))
                .isEmpty());
        new org.openqa.selenium.support.ui.Select(browser.find("#state-filter")).selectByValue("");
        browser.find("#campaigns tr[data-campaign='" + scoredCampaign + "']");
        browser.screenshot("campaigns");

        // Cancelling from the list asks first.
        String open = given().contentType("application/json").body(Specs.external(5, 1)).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id");
        String row = "#campaigns tr[data-campaign='" + open + "']";
        browser.click(row + " [data-action='cancel']");
        assertThat(Api.campaign(open).getString("state")).as("not before the confirmation").isEqualTo("PENDING");
        browser.click(row + " [data-action='confirm-cancel']");
        browser.await(d -> "CANCELLED".equals(d.findElement(By.cssSelector(row)).getAttribute("data-state")));
        assertThat(Api.campaign(open).getString("state")).isEqualTo("CANCELLED");

        browser.go("#/workers");
        assertThat(browser.text("#workers tr[data-worker='" + WORKER + "']")).contains("CpuBackend (test)");
        browser.screenshot("workers");
    }

    /** What the page computes itself (the API gives the rest): the running best, and who goes in which series. */
    @Test
    void thePagesOwnComputationsHoldInTheBrowser() {
        browser.go("#/workers");
        browser.find("#workers");
        Object answer = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/ui/charts.js').then(m => {
                  const trials = [
                    {id: 'a', number: 0, state: 'COMPLETE', metrics: {acc: 0.9, ms: 3}, params: {}},
                    {id: 'b', number: 1, state: 'COMPLETE', metrics: {acc: 0.8, ms: 1}, params: {}},
                    {id: 'c', number: 2, state: 'COMPLETE', metrics: {acc: 0.7, ms: 2}, params: {}, feasible: false},
                    {id: 'd', number: 3, state: 'PRUNED', metrics: null, params: {}}];
                  const pareto = {front: [{trialId: 'a'}, {trialId: 'b'}], chosenTrialId: 'b'};
                  const option = m.tradeOff({trials, pareto, x: 'acc', y: 'ms',
                    objectives: [{metric: 'acc'}, {metric: 'ms'}]});
                  const series = Object.fromEntries(option.series.map(s => [s.name, s.data.map(p => p[2])]));
                  done(JSON.stringify({
                    max: m.bestSoFar([[0, 0.5], [1, 0.4], [2, 0.7]], 'maximize').map(p => p[1]),
                    min: m.bestSoFar([[0, 3], [1, 4], [2, 1]], 'minimize').map(p => p[1]),
                    series}));
                }).catch(e => done('failed: ' + e));""");
        assertThat(answer).isEqualTo("{\"max\":[0.5,0.5,0.7],\"min\":[3,3,1],\"series\":{\"trials\":[],"
                + "\"infeasible\":[2],\"Pareto front\":[0,1],\"verdict\":[1],\"front line\":[1,0]}}");
    }

    private int horizontalOverflow() {
        return ((Number) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
    }

    private void setSpec(String text) {
        browser.script("const e = document.getElementById('spec'); e.value = arguments[0];", text);
    }

    private String firstRowNumber() {
        return browser.await(d -> d.findElement(By.cssSelector("#trials tbody tr")).getAttribute("data-number"));
    }

    /** Mean of the r, g, b of a CSS rgb()/rgba() colour. */
    private static int brightness(String rgb) {
        List<Integer> parts = Arrays.stream(rgb.replaceAll("[^0-9,]", "").split(","))
                .limit(3).map(Integer::parseInt).toList();
        return parts.stream().collect(Collectors.summingInt(Integer::intValue)) / 3;
    }
}
