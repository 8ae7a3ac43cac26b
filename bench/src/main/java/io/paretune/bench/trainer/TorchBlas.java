package io.paretune.bench.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The BLAS PyTorch runs its dense layers on. Debian's torch 1.13 is built with {@code BLAS_INFO=generic}: it calls
 * whatever {@code libblas.so.3} points to, which is the netlib reference BLAS unless an optimized one is installed.
 * Measured here (load ~6): reference MLP 3,017 samples/s and 8k images/s at batch 256 on the reference BLAS, against
 * 37,133 and 264k with OpenBLAS preloaded. {@code auto} preloads the OpenBLAS that DL4J itself ships (bytedeco
 * openblas 0.3.19, unpacked by JavaCPP into its cache), so both engines compute on the same BLAS.
 */
public final class TorchBlas {

    private static final Path SYSTEM_BLAS = Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3");
    private static final String OPENBLAS = "libopenblas_nolapack.so.0";

    private TorchBlas() {
    }

    /** The library to preload into PyTorch for {@code --torch-blas}, if any. */
    public static Optional<Path> library(String choice) {
        if (choice.equals("system")) {
            return Optional.empty();
        }
        if (!choice.equals("auto")) {
            return Optional.of(Path.of(choice));
        }
        if (!systemIsReference()) {
            return Optional.empty();
        }
        Path cache = Path.of(System.getProperty("org.bytedeco.javacpp.cachedir",
                System.getProperty("user.home") + "/.javacpp/cache"));
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(p -> p.getFileName().toString().equals(OPENBLAS)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether libblas.so.3 resolves to Debian's reference implementation ({@code .../blas/libblas.so.3}). */
    private static boolean systemIsReference() {
        try {
            return SYSTEM_BLAS.toRealPath().toString().contains("/blas/libblas.so");
        } catch (IOException e) {
            return false;
        }
    }
}
