package org.nd4j.nativeblas;

/**
 * Repairs Deeplearning4j 1.0.0-M2.1's check for oneDNN. {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} and calls {@code isUseMKLDNN()} by reflection; in M2.1 the class
 * moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and the method became
 * {@code isUseONEDNN()}, so the check always fails and the oneDNN layer helpers (convolution, pooling, batch
 * normalization) are never used, whichever nd4j-native build is loaded. This class answers that lookup with the
 * real environment's answer. It changes nothing unless DL4J's helpers are also enabled
 * ({@code -Dorg.eclipse.deeplearning4j.helpers.disable=false}) and a {@code -onednn} build is loaded.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** Looked up by name from {@code BaseMKLDNNHelper}. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * True when the loaded libnd4j was built with oneDNN and is told to use it. The environment flag alone is
         * not enough: it reads true on the plain builds too, which have no oneDNN kernels, so the library that
         * JavaCPP loaded must also come from a {@code -onednn} build.
         */
        public boolean isUseMKLDNN() {
            try {
                Class<?> real = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object env = real.getMethod("getInstance").invoke(null);
                return (Boolean) real.getMethod("isUseONEDNN").invoke(env) && oneDnnBuildLoaded();
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }

        /** Whether JavaCPP loaded libnd4jcpu from a {@code -onednn} classifier of nd4j-native. */
        public static boolean oneDnnBuildLoaded() {
            return org.bytedeco.javacpp.Loader.getLoadedLibraries().values().stream()
                    .anyMatch(path -> path != null && path.contains("nd4jcpu") && path.contains("-onednn"));
        }
    }
}
