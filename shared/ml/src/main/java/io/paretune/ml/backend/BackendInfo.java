package io.paretune.ml.backend;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The ND4J backend this JVM really computes on, read after ND4J has loaded: which native build JavaCPP loaded (from
 * the path of the JNI library, not from what was asked), its threads, and on CUDA its GPUs. Speed figures are only
 * comparable between equal descriptions. Reads ND4J's environment map, so it compiles and runs without CUDA classes.
 *
 * <pre>{@code
 * BackendInfo info = BackendInfo.current();   // loads ND4J if nothing did yet
 * info.describe();  // "nd4j-native CpuBackend, OMP threads 1, build linux-x86_64-onednn-avx2, OPENBLAS threads 1, Intel(R) Xeon(R) Processor"
 * }</pre>
 *
 * @param backend     {@code nd4j-native} or {@code nd4j-cuda}
 * @param build       the classifier of the loaded native library ({@code linux-x86_64-onednn-avx2}), "unknown" if not found
 * @param selected    the build {@link NativeBuild#apply()} chose, or "not selected" if it did not run in this JVM
 * @param reason      why that build was chosen
 * @param helpers     platform helpers compiled into the loaded build ({@code onednn}, {@code cudnn}), or "none"
 * @param cpu         the CPU model
 * @param cores       logical cores ND4J sees
 * @param ompThreads  ND4J's OpenMP threads
 * @param blasThreads threads of the BLAS library
 * @param blasVendor  the BLAS library ({@code OPENBLAS}, {@code CUBLAS})
 * @param gpus        the CUDA devices; empty on nd4j-native
 */
public record BackendInfo(String backend, String build, String selected, String reason, String helpers, String cpu,
                          int cores, int ompThreads, int blasThreads, String blasVendor, List<Gpu> gpus) {

    /** One CUDA device as ND4J reports it. */
    public record Gpu(String name, long totalMemoryBytes, long freeMemoryBytes) {
        String describe() {
            return name + " " + String.format(Locale.ROOT, "%.1f GiB", totalMemoryBytes / (double) (1L << 30));
        }
    }

    public BackendInfo {
        gpus = List.copyOf(gpus);
    }

    private static volatile BackendInfo current;

    /**
     * This JVM's backend, read once (it cannot change after ND4J loaded). Loads ND4J when nothing did yet.
     *
     * @throws IllegalStateException when ND4J cannot load, saying what a backend needs
     */
    public static BackendInfo current() {
        BackendInfo info = current;
        if (info == null) {
            synchronized (BackendInfo.class) {
                if (current == null) {
                    current = detect();
                }
                info = current;
            }
        }
        return info;
    }

    private static BackendInfo detect() {
        Properties env;
        try {
            env = Nd4j.getExecutioner().getEnvironmentInformation();
        } catch (RuntimeException | Error e) {
            String chosen = NativeBuild.selected().map(s -> s.build().classifier()).orElse("not selected");
            throw new IllegalStateException("ND4J did not load (native build " + chosen + "): nd4j-native needs x86-64"
                    + " Linux; nd4j-cuda needs the NVIDIA driver (libcuda.so.1) and the CUDA 11.6 and cuDNN 8.3 runtime"
                    + " libraries. Cause: " + e, e);
        }
        boolean cuda = "CUDA".equalsIgnoreCase(String.valueOf(env.get("backend")));
        NativeBuild.Backend backend = cuda ? NativeBuild.Backend.CUDA : NativeBuild.Backend.CPU;
        String build = loadedClassifier(Loader.getLoadedLibraries(), cuda ? "jnind4jcuda" : "jnind4jcpu");
        String selected = NativeBuild.selected().map(s -> s.build().classifier()).orElse("not selected");
        String reason = NativeBuild.selected().map(NativeBuild.Selection::reason)
                .orElse("NativeBuild.apply() did not run in this JVM: JavaCPP chose by itself");
        return new BackendInfo(backend.artifact(), build, selected, reason, compiledHelpers(), CpuInfo.read().model(),
                intOf(env.get("cores")), intOf(env.get("omp.threads")), intOf(env.get("blas.threads")),
                String.valueOf(env.getOrDefault("blas.vendor", "unknown")), gpusOf(env.get("cuda.devicesInformation")));
    }

    /** The directory a JNI library was unpacked from is its jar's classifier ({@code .../linux-x86_64-avx2/libjnind4jcpu.so}). */
    static String loadedClassifier(Map<String, String> loadedLibraries, String jniLibrary) {
        String path = loadedLibraries.get(jniLibrary);
        if (path == null) {
            return "unknown";
        }
        Path parent = Path.of(path).getParent();
        return parent == null || parent.getFileName() == null ? "unknown" : parent.getFileName().toString();
    }

    private static String compiledHelpers() {
        try {
            String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            List<String> found = new ArrayList<>();
            if (info.contains("HAVE_ONEDNN")) {
                found.add("onednn");
            }
            if (info.contains("HAVE_CUDNN")) {
                found.add("cudnn");
            }
            return found.isEmpty() ? "none" : String.join(",", found);
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    @SuppressWarnings("unchecked")
    static List<Gpu> gpusOf(Object devicesInformation) {
        List<Gpu> gpus = new ArrayList<>();
        if (devicesInformation instanceof List<?> devices) {
            for (Object device : devices) {
                if (device instanceof Map<?, ?> m) {
                    gpus.add(new Gpu(String.valueOf(m.get("cuda.deviceName")), longOf(m.get("cuda.totalMemory")),
                            longOf(m.get("cuda.freeMemory"))));
                }
            }
        }
        return gpus;
    }

    private static int intOf(Object value) {
        return (int) longOf(value);
    }

    private static long longOf(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? -1 : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the loaded build is the one {@link NativeBuild#apply()} chose (false when it did not run, or ran too late). */
    public boolean loadedAsSelected() {
        return build.equals(selected);
    }

    /** The build, with the helpers compiled into it when its name does not say so ({@code linux-x86_64 +onednn}). */
    public String buildWithHelpers() {
        return helpers.equals("none") || build.contains(helpers) ? build : build + " +" + helpers;
    }

    /**
     * One line for results and logs: backend, threads, loaded build and helpers, BLAS, GPUs, CPU. Starts as the
     * worker's description always did ({@code nd4j-native CpuBackend, OMP threads N}), so stored results stay
     * comparable by prefix.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(backend)
                .append(backend.equals(NativeBuild.Backend.CUDA.artifact()) ? " JCublasBackend" : " CpuBackend")
                .append(", OMP threads ").append(ompThreads)
                .append(", build ").append(buildWithHelpers())
                .append(", ").append(blasVendor).append(" threads ").append(blasThreads);
        for (Gpu gpu : gpus) {
            sb.append(", GPU ").append(gpu.describe());
        }
        return sb.append(", ").append(cpu).toString();
    }
}
