package io.paretune.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.paretune.contract.messaging.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * Where a benchmark's JSON goes, as a picocli mixin every benchmark command shares (its {@code --out} option):
 * printed on the command's standard output and kept as {@code <dir>/<kind>-<yyyyMMdd-HHmmss>.json}; and what every
 * result says about the code that produced it.
 *
 * <pre>{@code
 * @Mixin BenchOutput output;
 * ...
 * output.publish("trainer", result);
 * }</pre>
 */
public final class BenchOutput {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".paretune/bench",
            description = "where the JSON is kept (default ${DEFAULT-VALUE})")
    private Path dir;

    private final String stamp = LocalDateTime.now().format(STAMP);

    /** The file a result of {@code kind} ({@code search}, {@code optuna}, ...) of this run is kept in. */
    public Path file(String kind) {
        return dir.resolve(kind + "-" + stamp + ".json");
    }

    /** The command line as given, for results that record how they were asked for. */
    public java.util.List<String> arguments() {
        return command.commandLine().getParseResult().originalArgs();
    }

    /** The fields every result opens with: which benchmark, when, which code, asked for how. */
    public java.util.Map<String, Object> header(String benchmark) {
        java.util.Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("benchmark", benchmark);
        result.put("date", java.time.Instant.now().toString());
        result.put("version", version());
        result.put("arguments", arguments());
        return result;
    }

    /** The command's standard output: results only (libraries print to standard error). */
    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** Writes {@code result} as indented JSON to the command's standard output and to {@link #file(String)}. */
    public Path publish(String kind, Object result) {
        PrintWriter out = out();
        String json = pretty(result);
        Path file = file(kind);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the result in " + file, e);
        }
        out.print(json);
        out.flush();
        System.err.println("(saved to " + file + ")");
        return file;
    }

    public static String pretty(Object value) {
        try {
            return Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The project version and, inside a git checkout, the commit ({@code 0.1.0-SNAPSHOT (git 1a2b3c4-dirty)}): results
     * are reported with what produced them.
     */
    public static String version() {
        String version = BenchOutput.class.getPackage().getImplementationVersion();
        String base = version == null ? "unknown" : version;
        String commit = git("rev-parse", "--short", "HEAD");
        if (commit == null) {
            return base;
        }
        String changes = git("status", "--porcelain", "--untracked-files=no");
        return base + " (git " + commit + (changes == null || changes.isEmpty() ? "" : "-dirty") + ")";
    }

    private static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
