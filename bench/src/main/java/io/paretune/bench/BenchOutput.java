package io.paretune.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.paretune.contract.messaging.Json;

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
 * Where a benchmark's JSON goes: printed on stdout and kept as {@code <dir>/<kind>-<yyyyMMdd-HHmmss>.json}, and what
 * every result says about the code that produced it.
 */
public final class BenchOutput {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final String stamp = LocalDateTime.now().format(STAMP);

    public BenchOutput(Path dir) {
        this.dir = dir;
    }

    /** The file a result of {@code kind} ({@code search}, {@code optuna}, ...) of this run is kept in. */
    public Path file(String kind) {
        return dir.resolve(kind + "-" + stamp + ".json");
    }

    /**
     * Writes {@code result} as indented JSON to {@code out} (the command's standard output) and to
     * {@link #file(String)}; says where on stderr.
     */
    public Path publish(String kind, Object result, PrintWriter out) {
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
