package io.paretune.ml.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BackendInfoTest {

    @Test
    void nd4jLoadsTheBuildThatWasChosen() {
        // ChooseNativeBuildFirst ran NativeBuild.apply() before any test touched ND4J.
        assertThat(NativeBuild.selected()).as("chosen by the launcher session listener").isPresent();
        NativeBuild.Selection selection = NativeBuild.apply();
        BackendInfo info = BackendInfo.current();
        System.out.println("[BackendInfoTest] " + selection + " -> " + info.describe());

        assertThat(info.backend()).isEqualTo("nd4j-native");
        assertThat(info.build()).isEqualTo(selection.build().classifier());
        assertThat(info.loadedAsSelected()).isTrue();
        if (CpuInfo.read().hasAll(NativeBuild.AVX2.requiredFlags())) {
            assertThat(info.build()).isEqualTo("linux-x86_64-onednn-avx2");
        }
        assertThat(info.ompThreads()).isPositive();
        assertThat(info.cores()).isPositive();
        assertThat(info.blasVendor()).isEqualTo("OPENBLAS");
        assertThat(info.gpus()).isEmpty();
        assertThat(info.describe()).startsWith("nd4j-native CpuBackend, OMP threads " + info.ompThreads() + ", build " + info.build()
                + ", OPENBLAS threads ");
    }

    @Test
    void aCpuWithoutAvx2LoadsTheGenericBuild(@TempDir Path dir) throws Exception {
        Path oldCpu = Files.writeString(dir.resolve("cpuinfo"), """
                processor\t: 0
                model name\t: Intel(R) Core(TM)2 Duo CPU
                flags\t\t: fpu sse sse2 ssse3 sse4_1
                """);
        Map<String, String> out = probe("-D" + NativeBuild.CPUINFO_PROPERTY + "=" + oldCpu);
        assertThat(out).containsEntry("selected", "linux-x86_64").containsEntry("loaded", "linux-x86_64");
        assertThat(out.get("reason")).isEqualTo("no faster build on the class path runs on this CPU");
    }

    @Test
    void theOverrideChoosesTheBuildThatLoads() throws Exception {
        Map<String, String> generic = probe("-D" + NativeBuild.OVERRIDE_PROPERTY + "=generic");
        assertThat(generic).containsEntry("selected", "linux-x86_64").containsEntry("loaded", "linux-x86_64");
        assertThat(generic.get("reason")).contains("requested by paretune.nd4j.build");
    }

    @Test
    void anUnknownOverrideStopsTheJvmBeforeNd4jLoads() throws Exception {
        Map<String, String> out = probe("-D" + NativeBuild.OVERRIDE_PROPERTY + "=avx3");
        assertThat(out.get("exit")).isEqualTo("2");
        assertThat(out.get("refused")).contains("is not a known ND4J build");
    }

    @Test
    void readsTheBuildFromTheLibraryPathAndGpusFromTheEnvironmentMap() {
        assertThat(BackendInfo.loadedClassifier(Map.of("jnind4jcuda",
                "/home/u/.javacpp/cache/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64-cudnn.jar/org/nd4j/linalg/jcublas/bindings/linux-x86_64-cudnn/libjnind4jcuda.so"),
                "jnind4jcuda")).isEqualTo("linux-x86_64-cudnn");
        assertThat(BackendInfo.loadedClassifier(Map.of(), "jnind4jcpu")).isEqualTo("unknown");
        // The shape of ND4J's CUDA environment map (cuda.devicesInformation), as JCublas fills it.
        List<BackendInfo.Gpu> gpus = BackendInfo.gpusOf(List.of(Map.of("cuda.deviceName", "NVIDIA A100-SXM4-40GB",
                "cuda.totalMemory", 42_505_273_344L, "cuda.freeMemory", 41_000_000_000L)));
        assertThat(gpus).containsExactly(new BackendInfo.Gpu("NVIDIA A100-SXM4-40GB", 42_505_273_344L, 41_000_000_000L));
        BackendInfo cuda = new BackendInfo("nd4j-cuda", "linux-x86_64-cudnn", "linux-x86_64-cudnn", "CUDA build on the class path",
                "cudnn", "AMD EPYC", 8, 8, 8, "CUBLAS", gpus);
        assertThat(cuda.describe()).isEqualTo(
                "nd4j-cuda JCublasBackend, OMP threads 8, build linux-x86_64-cudnn, CUBLAS threads 8,"
                        + " GPU NVIDIA A100-SXM4-40GB 39.6 GiB, AMD EPYC");
        assertThat(BackendInfo.gpusOf(null)).isEmpty();
    }

    /** Runs {@link LoadedBuildProbe} in a fresh JVM on this test class path; its key=value lines, plus "exit". */
    private static Map<String, String> probe(String... jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadedBuildProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove(NativeBuild.OVERRIDE_ENV);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int sep = line.indexOf(line.startsWith("refused: ") ? ':' : '=');
            if (sep > 0 && !line.startsWith("[")) {
                out.put(line.substring(0, sep), line.substring(sep + 1).trim());
            }
        }
        out.put("exit", String.valueOf(p.exitValue()));
        assertThat(out).as(output).containsKey("exit");
        return out;
    }
}
