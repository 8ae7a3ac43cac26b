package io.paretune.ml.backend;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The ND4J native builds a service may carry, and the choice among them. nd4j-native 1.0.0-M2.1 ships one jar per
 * instruction set (classifiers {@code linux-x86_64}, {@code -avx2}, {@code -avx512}, {@code -onednn-avx2}, ...);
 * JavaCPP loads the one named by the system property {@code org.bytedeco.javacpp.platform.extension}. Left unset,
 * JavaCPP picks an extension build whenever one is on the classpath, without asking the CPU, and ND4J then exits
 * the JVM ({@code System.exit(1)}) on a CPU that lacks its instructions. So the property must be set, and set
 * before anything touches ND4J: {@link #apply()} does that, from each service's {@code main}.
 *
 * <p>The choice: the user's override ({@value #OVERRIDE_PROPERTY} or {@value #OVERRIDE_ENV}) when it can run here,
 * else the first of {@link #PREFERENCE} whose jar is on the classpath and whose instructions the CPU has; the
 * generic build when none. A CUDA build on the classpath (the trainer-worker's {@code cuda} profile) wins over every
 * CPU build, since a service packaged for CUDA carries no nd4j-native.
 *
 * <pre>{@code
 * public static void main(String... args) {
 *     NativeBuild.apply();     // before Quarkus, before ND4J
 *     Quarkus.run(args);
 * }
 * NativeBuild.selected().orElseThrow().build();   // AVX2 on this machine
 * }</pre>
 */
public enum NativeBuild {

    GENERIC(Backend.CPU, "", Set.of()),
    // libnd4j's own check (isMinimalRequirementsMet): an AVX2 build needs avx and avx2; an AVX-512 build targets
    // skylake-avx512 and needs avx, avx2, avx512f, avx512vl, avx512bw, avx512dq and avx512cd.
    AVX2(Backend.CPU, "-avx2", Set.of("avx", "avx2")),
    AVX512(Backend.CPU, "-avx512", Set.of("avx", "avx2", "avx512f", "avx512vl", "avx512bw", "avx512dq", "avx512cd")),
    // oneDNN builds link oneDNN statically (libnd4jcpu.so is ~50 MB larger; buildInfo says HAVE_ONEDNN): they need
    // no org.bytedeco:dnnl jar at run time.
    ONEDNN_AVX2(Backend.CPU, "-onednn-avx2", AVX2.requiredFlags),
    ONEDNN_AVX512(Backend.CPU, "-onednn-avx512", AVX512.requiredFlags),
    CUDA(Backend.CUDA, "", Set.of()),
    CUDA_CUDNN(Backend.CUDA, "-cudnn", Set.of());

    /**
     * The automatic choice, best first. oneDNN builds first: with them DL4J's convolution and pooling layers run in
     * oneDNN ({@code LayerHelpers}), 6-7x less CPU per batch on the reference CNN, while the MLP trains the same on
     * every build and AVX-512 gained nothing over AVX2 (bench/results/profile-cnn-20261125.md). Which builds a
     * service really carries is decided by shared/nd4j-cpu's pom (each jar is ~85 MB): absent ones are skipped.
     */
    public static final List<NativeBuild> PREFERENCE =
            List.of(CUDA_CUDNN, CUDA, ONEDNN_AVX512, ONEDNN_AVX2, AVX512, AVX2, GENERIC);

    /** System property naming the build to use instead of the automatic choice ({@code auto}, or a {@link #id()}). */
    public static final String OVERRIDE_PROPERTY = "paretune.nd4j.build";
    /** Environment variable read when {@link #OVERRIDE_PROPERTY} is not set. */
    public static final String OVERRIDE_ENV = "PARETUNE_ND4J_BUILD";
    /** The cpuinfo file {@link #apply()} reads, {@code /proc/cpuinfo} unless set: lets a test play an older CPU. */
    public static final String CPUINFO_PROPERTY = "paretune.nd4j.cpuinfo";
    /**
     * Where {@link #apply()} records its choice (the build's id; {@code .requested} and {@code .reason} beside it).
     * Outside the {@code paretune.} namespace, which the services' config mappings validate.
     */
    public static final String SELECTED_PROPERTY = "io.paretune.nd4j.selected";
    /** The JavaCPP property this class sets. */
    public static final String JAVACPP_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    /** nd4j-native and nd4j-cuda, with where their JNI libraries live inside their classifier jars. */
    public enum Backend {
        CPU("nd4j-native", "org/nd4j/linalg/cpu/nativecpu/bindings/", "libjnind4jcpu.so"),
        CUDA("nd4j-cuda", "org/nd4j/linalg/jcublas/bindings/", "libjnind4jcuda.so");

        private final String artifact;
        private final String bindings;
        private final String jniLibrary;

        Backend(String artifact, String bindings, String jniLibrary) {
            this.artifact = artifact;
            this.bindings = bindings;
            this.jniLibrary = jniLibrary;
        }

        public String artifact() {
            return artifact;
        }
    }

    /**
     * What was chosen and why.
     *
     * @param build     the build JavaCPP is told to load
     * @param requested the override as given ({@code auto} when none)
     * @param reason    one sentence: why this build, or why not the requested one
     */
    public record Selection(NativeBuild build, String requested, String reason) {
    }

    private static final String PLATFORM = "linux-x86_64";

    private final Backend backend;
    private final String extension;
    private final Set<String> requiredFlags;

    NativeBuild(Backend backend, String extension, Set<String> requiredFlags) {
        this.backend = backend;
        this.extension = extension;
        this.requiredFlags = requiredFlags;
    }

    /** The name users write in the override: {@code generic}, {@code avx2}, {@code onednn-avx2}, {@code cuda}, ... */
    public String id() {
        if (this == GENERIC) {
            return "generic";
        }
        String prefix = backend == Backend.CUDA ? "cuda" : "";
        String suffix = extension.isEmpty() ? "" : extension.substring(1);
        return prefix.isEmpty() ? suffix : suffix.isEmpty() ? prefix : prefix + "-" + suffix;
    }

    public Backend backend() {
        return backend;
    }

    /** The value of {@value #JAVACPP_EXTENSION_PROPERTY} that makes JavaCPP load this build ("" for the plain one). */
    public String extension() {
        return extension;
    }

    /** The Maven classifier of this build's jar, also the directory its libraries are unpacked from. */
    public String classifier() {
        return PLATFORM + extension;
    }

    /** The CPU flags this build's instructions need. */
    public Set<String> requiredFlags() {
        return requiredFlags;
    }

    /** The class-path resource that is present exactly when this build's jar is. */
    public String resource() {
        return backend.bindings + classifier() + "/" + backend.jniLibrary;
    }

    /** Whether this build's jar is on the class path of the given loader. */
    public boolean onClasspath(ClassLoader loader) {
        return loader != null && loader.getResource(resource()) != null;
    }

    /** Whether this machine can run this build: a CPU build when the CPU has its instructions. */
    public boolean runsOn(CpuInfo cpu) {
        return cpu.hasAll(requiredFlags);
    }

    /**
     * The build of an id, case-insensitive; empty for {@code auto} or blank.
     *
     * @throws IllegalArgumentException when the id names no known build
     */
    public static Optional<NativeBuild> byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() || wanted.equals("auto")) {
            return Optional.empty();
        }
        for (NativeBuild build : values()) {
            if (build.id().equals(wanted)) {
                return Optional.of(build);
            }
        }
        throw new IllegalArgumentException(OVERRIDE_PROPERTY + "=" + id + " is not a known ND4J build; use auto or one of "
                + Arrays.stream(values()).map(NativeBuild::id).collect(Collectors.joining(", ")));
    }

    /**
     * The choice for a CPU, a set of builds on the class path and an override (null, blank or {@code auto}: none).
     * An override this machine cannot run (jar absent, instructions missing) falls back to the automatic choice and
     * says so in the reason; an unknown override is an error, since a typo would silently benchmark the wrong build.
     *
     * @throws IllegalArgumentException when the override names no known build
     */
    public static Selection select(CpuInfo cpu, Predicate<NativeBuild> onClasspath, String override) {
        Optional<NativeBuild> requested = byId(override);
        String requestedId = requested.map(NativeBuild::id).orElse("auto");
        if (requested.isPresent()) {
            NativeBuild wanted = requested.get();
            if (!onClasspath.test(wanted)) {
                return automatic(cpu, onClasspath, requestedId, "requested " + wanted.id() + " but its jar ("
                        + wanted.backend.artifact + " " + wanted.classifier() + ") is not on the class path");
            }
            if (!wanted.runsOn(cpu)) {
                return automatic(cpu, onClasspath, requestedId, "requested " + wanted.id() + " but the CPU lacks "
                        + missing(wanted, cpu));
            }
            return new Selection(wanted, requestedId, "requested by " + OVERRIDE_PROPERTY);
        }
        return automatic(cpu, onClasspath, requestedId, null);
    }

    private static Selection automatic(CpuInfo cpu, Predicate<NativeBuild> onClasspath, String requestedId, String why) {
        String prefix = why == null ? "" : why + "; ";
        for (NativeBuild build : PREFERENCE) {
            if (onClasspath.test(build) && build.runsOn(cpu)) {
                String reason = build == GENERIC
                        ? "no faster build on the class path runs on this CPU"
                        : build.backend == Backend.CUDA ? "CUDA build on the class path"
                        : "best build on the class path for this CPU (" + String.join(", ", new TreeSet<>(build.requiredFlags)) + ")";
                return new Selection(build, requestedId, prefix + reason);
            }
        }
        return new Selection(GENERIC, requestedId, prefix + "no ND4J build found on the class path; JavaCPP looks for the generic one");
    }

    private static String missing(NativeBuild build, CpuInfo cpu) {
        return build.requiredFlags.stream().filter(f -> !cpu.has(f)).sorted().collect(Collectors.joining(", "));
    }

    /**
     * Chooses the build for this machine and tells JavaCPP, once per JVM; later calls return the first choice. Must
     * run before anything loads ND4J (the services call it first thing in {@code main}, the tests from a JUnit
     * session listener); called later, it can no longer change what was loaded, which {@link BackendInfo} then shows
     * as a mismatch. The choice is kept in system properties ({@value #SELECTED_PROPERTY}...), so that it is seen from
     * every class loader (Quarkus runs the application, and tests, in class loaders of its own).
     *
     * @throws IllegalArgumentException when the override names no known build
     */
    public static synchronized Selection apply() {
        Optional<Selection> done = selected();
        if (done.isPresent()) {
            return done.get();
        }
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override == null) {
            override = System.getenv(OVERRIDE_ENV);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClassLoader classpath = loader != null ? loader : NativeBuild.class.getClassLoader();
        Path cpuinfo = Path.of(System.getProperty(CPUINFO_PROPERTY, CpuInfo.PROC_CPUINFO.toString()));
        Selection selection = select(CpuInfo.read(cpuinfo), b -> b.onClasspath(classpath), override);
        System.setProperty(JAVACPP_EXTENSION_PROPERTY, selection.build().extension());
        System.setProperty(SELECTED_PROPERTY + ".requested", selection.requested());
        System.setProperty(SELECTED_PROPERTY + ".reason", selection.reason());
        System.setProperty(SELECTED_PROPERTY, selection.build().id());
        return selection;
    }

    /** The choice {@link #apply()} made in this JVM, if it ran. */
    public static Optional<Selection> selected() {
        String id = System.getProperty(SELECTED_PROPERTY);
        if (id == null) {
            return Optional.empty();
        }
        return byId(id).map(build -> new Selection(build, System.getProperty(SELECTED_PROPERTY + ".requested", "auto"),
                System.getProperty(SELECTED_PROPERTY + ".reason", "")));
    }
}
