package io.paretune.bench.chaos;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosCommandTest {

    @Test
    void refusesACampaignTooSmallForFourFaultsBeforeStartingAnything() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new ChaosCommand()).setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, l, parsed) -> {
            l.getErr().println(e.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        assertThat(line.execute("--trials", "2")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--trials");
    }
}
