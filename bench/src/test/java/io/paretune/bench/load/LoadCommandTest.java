package io.paretune.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LoadCommandTest {

    @Test
    void refusesNoClientsBeforeStartingAnything() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new LoadCommand()).setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, l, parsed) -> {
            l.getErr().println(e.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        assertThat(line.execute("--clients", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--clients");
    }

    /**
     * The whole command against the packaged controller, as {@code ./paretune bench load --quick --database h2} runs it
     * (about 20 s): the build always packages the H2 controller, so this runs wherever the tests do. The PostgreSQL
     * build differs in its datasource only; its fresh database is FreshDatabaseTest's.
     */
    @Test
    void quickRunOnH2LosesAndDuplicatesNothing(@TempDir Path out) throws Exception {
        assertQuickRunClean(out, "h2");
    }

    private static void assertQuickRunClean(Path out, String database) throws Exception {
        StringWriter results = new StringWriter();
        CommandLine line = new CommandLine(new LoadCommand()).setOut(new PrintWriter(results, true));

        int exit = line.execute("--quick", "--database", database, "--out", out.toString());

        JsonNode json = Json.mapper().readTree(results.toString());
        assertThat(exit).as(results.toString()).isZero();
        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("setup").path("database").asText()).containsIgnoringCase(database);
        assertThat(json.path("ask").path("count").asInt()).isEqualTo(4 * 25);
        assertThat(json.path("tell").path("count").asInt()).isEqualTo(4 * 25);
        assertThat(json.path("errors").path("total").asLong()).isZero();
        JsonNode integrity = json.path("integrity");
        assertThat(integrity.path("campaignsCompleted").asInt()).isEqualTo(4);
        assertThat(integrity.path("listed").asInt()).isEqualTo(100);
        assertThat(integrity.path("lost").asInt()).isZero();
        assertThat(integrity.path("duplicated").asInt()).isZero();
        assertThat(json.path("setup").path("controllerSettings").path("paretune.quota.writes-per-second").asText())
                .isEqualTo("50");
        assertThat(json.path("ask").path("p99Ms").asDouble()).isPositive();
        try (var kept = Files.list(out)) {
            assertThat(kept).singleElement().asString().contains("load-");
        }
    }
}
