package io.paretune.bench.compression;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionCommandTest {

    @Test
    void onlyNamesKindsAndFrontStandsForBothFrontCampaigns() {
        assertThat(CompressionCommand.kinds(null)).containsExactlyElementsOf(CampaignPlan.KINDS);
        assertThat(CompressionCommand.kinds(List.of("front", "cnn")))
                .containsExactly(CampaignPlan.FRONT_MOTPE, CampaignPlan.FRONT_RANDOM, CampaignPlan.CNN);
        assertThatThrownBy(() -> CompressionCommand.kinds(List.of("int8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--only").hasMessageContaining("int8");
    }

    @Test
    void refusesSeedsOutsideTheirBoundBeforeTouchingTheStack() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new CompressionCommand()).setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, l, parsed) -> {
            l.getErr().println(e.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        // An unreachable controller: reaching it would fail differently.
        int exit = line.execute("--seeds", "0", "--url", "http://127.0.0.1:9");
        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--seeds must be between 1 and " + CompressionCommand.MAX_SEEDS);
        assertThat(line.execute("--peer-seeds", "21", "--url", "http://127.0.0.1:9")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--peer-seeds must be between 1 and " + CompressionCommand.MAX_SEEDS);
        assertThat(line.execute("--specs", "specs/compression", "--only", "front", "--seeds", "2", "--resume",
                "front-motpe-s107=abc",
                "--url", "http://127.0.0.1:9")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--resume names front-motpe-s107, which this run does not plan")
                .contains("front-random-s101");
    }
}
