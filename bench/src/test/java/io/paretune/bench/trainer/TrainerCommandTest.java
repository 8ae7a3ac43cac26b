package io.paretune.bench.trainer;

import io.paretune.worker.WorkerLaunch;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerCommandTest {

    private static TrainerSettings settings(String... args) {
        TrainerCommand command = new TrainerCommand();
        new CommandLine(command).parseArgs(args);
        return command.resolve();
    }

    @Test
    void dl4jEnginesRunWithTheWorkersOwnLaunchSettingsByDefault() {
        WorkerLaunch worker = WorkerLaunch.defaults();
        TrainerSettings defaults = settings();
        assertThat(defaults.dl4jJvmOptions()).isEqualTo(worker.jvmOptions()).contains("-Xmx1g");
        assertThat(defaults.dl4jThreads()).isEqualTo(Map.of("mlp", worker.ompThreads(), "cnn", worker.ompThreads()));
        assertThat(defaults.torchThreads()).isEqualTo(Map.of("mlp", 1, "cnn", 2));
        assertThat(defaults.models()).containsExactly("mlp", "cnn");
        assertThat(defaults.engines()).containsExactly("dl4j-raw", "worker", "pytorch");

        TrainerSettings overridden = settings("--dl4j-jvm-options", "-Xmx2g  -XX:+UseSerialGC", "--dl4j-threads", "cnn=2");
        assertThat(overridden.dl4jJvmOptions()).containsExactly("-Xmx2g", "-XX:+UseSerialGC");
        assertThat(overridden.dl4jThreads()).containsEntry("cnn", 2).containsEntry("mlp", worker.ompThreads());
    }

    @Test
    void badValuesNameTheirOption() {
        assertThatThrownBy(() -> settings("--models", "rnn")).hasMessageContaining("--models: unknown 'rnn'");
        assertThatThrownBy(() -> settings("--dl4j-threads", "mlp=0")).hasMessageContaining("--dl4j-threads");
        assertThatThrownBy(() -> settings("--epochs", "0")).hasMessageContaining("--epochs must be a positive integer");
    }

    /** A real child run: the worker's loop on 256 images, in a process started with the worker's JVM options. */
    @Test
    @SuppressWarnings("unchecked")
    void theWorkerEngineRunsInAProcessOfItsOwnWithTheWorkersMemoryAndThreads() throws Exception {
        TrainerSettings settings = settings("--models", "mlp", "--engines", "worker", "--limit", "256",
                "--warmup-batches", "1", "--latency-reps", "5", "--throughput-reps", "2");

        Map<String, Object> result = new BenchmarkSuite(settings).run();

        List<Map<String, Object>> records = (List<Map<String, Object>>) result.get("records");
        assertThat(records).hasSize(1);
        Map<String, Object> record = records.get(0);
        assertThat(record).doesNotContainKey("error").containsEntry("engine", "worker").containsEntry("train_images", 256);
        Map<String, Object> ran = (Map<String, Object>) record.get("settings");
        assertThat(ran).containsEntry("OMP_NUM_THREADS", String.valueOf(WorkerLaunch.defaults().ompThreads()))
                .containsEntry("max_heap_mb", 1024);
        assertThat((List<String>) ran.get("jvm_options")).containsAll(WorkerLaunch.defaults().jvmOptions());
        assertThat(((Number) record.get("peak_rss_mb")).doubleValue()).isPositive();
    }
}
