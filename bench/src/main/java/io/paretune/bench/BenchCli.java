package io.paretune.bench;

import io.paretune.bench.chaos.ChaosCommand;
import io.paretune.bench.compression.CompressionCommand;
import io.paretune.bench.load.LoadCommand;
import io.paretune.bench.probe.TrainingProbe;
import io.paretune.bench.savings.SavingsCommand;
import io.paretune.bench.search.SearchCommand;
import io.paretune.bench.trainer.TrainerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The benchmarks behind the README's figures, one subcommand each; every one prints a JSON object and keeps it under
 * {@code .paretune/bench/}. Run from the repository root ({@code ./paretune bench ...} does), where the Python peers
 * ({@code bench/*.py}) and the examples are.
 *
 * <pre>
 * java -jar bench/target/paretune-bench.jar search --quick
 * </pre>
 */
@Command(name = "paretune bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Benchmarks of Paretune beside its peers (Optuna, PyTorch).",
        subcommands = {SearchCommand.class, TrainerCommand.class, SavingsCommand.class, CompressionCommand.class,
                TrainingProbe.class, LoadCommand.class, ChaosCommand.class})
public final class BenchCli {

    private BenchCli() {
    }

    public static void main(String[] args) {
        // Results go to standard output; anything a library prints goes to standard error, so the JSON stays whole.
        PrintStream results = System.out;
        System.setOut(System.err);
        // ND4J leaves non-daemon threads behind: the exit status ends the process.
        System.exit(commandLine(new PrintWriter(results, true, StandardCharsets.UTF_8)).execute(args));
    }

    /**
     * The command line with its error handling: a bad option value is a usage error naming the option (exit 2).
     * Commands print their results to {@code results}.
     */
    static CommandLine commandLine(PrintWriter results) {
        return new CommandLine(new BenchCli()).setOut(results).setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                line.getErr().println(line.getCommandName() + ": " + e.getMessage());
                line.usage(line.getErr());
                return CommandLine.ExitCode.USAGE;
            }
            throw e;
        });
    }
}
