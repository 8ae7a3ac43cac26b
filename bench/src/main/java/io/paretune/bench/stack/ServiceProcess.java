package io.paretune.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service (or the broker) as an OS process of its own, as {@code ./paretune up} runs it, so that a
 * benchmark can kill it with SIGKILL and start it again on the same data. Output is appended to one log file across
 * restarts.
 *
 * <pre>{@code
 * ServiceProcess controller = new ServiceProcess("controller", command, Map.of(), log, ServiceProcess.httpReady(url));
 * controller.start().awaitReady(Duration.ofMinutes(2));
 * controller.kill();
 * }</pre>
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** How a started process shows it is ready. */
    @FunctionalInterface
    public interface Readiness {
        boolean ready(ServiceProcess process);
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Readiness readiness;
    private Process process;
    private long logOffset;

    public ServiceProcess(String name, List<String> command, Map<String, String> environment, Path log,
                          Readiness readiness) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.readiness = readiness;
    }

    /** Ready when {@code url} answers 200. */
    public static Readiness httpReady(String url) {
        return p -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** Ready when this start's part of the log contains {@code line}. */
    public static Readiness logSays(String line) {
        return p -> p.logSinceStart().contains(line);
    }

    public ServiceProcess start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + pid() + ")");
        }
        Files.createDirectories(log.getParent());
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        return this;
    }

    /** Waits until the service is ready; fails when it exits first or the deadline passes. */
    public ServiceProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!readiness.ready(this)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see "
                        + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s; see " + log);
            }
            Thread.sleep(200);
        }
        return this;
    }

    /** SIGKILL: no shutdown hook runs, no client says goodbye to the broker; what a crashed host looks like. */
    public void kill() throws InterruptedException {
        if (isAlive()) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL for 30 s");
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    String logSinceStart() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logOffset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** {@code java} of this JVM, with options. */
    public static List<String> java(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        return command;
    }
}
