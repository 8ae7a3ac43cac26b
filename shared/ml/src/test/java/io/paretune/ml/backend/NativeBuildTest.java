package io.paretune.ml.backend;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static io.paretune.ml.backend.NativeBuild.AVX2;
import static io.paretune.ml.backend.NativeBuild.AVX512;
import static io.paretune.ml.backend.NativeBuild.CUDA;
import static io.paretune.ml.backend.NativeBuild.CUDA_CUDNN;
import static io.paretune.ml.backend.NativeBuild.GENERIC;
import static io.paretune.ml.backend.NativeBuild.ONEDNN_AVX2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeBuildTest {

    private static final CpuInfo NO_AVX2 = cpu("fpu sse sse2 sse4_1 sse4_2 avx");
    private static final CpuInfo HASWELL = cpu("fpu sse4_2 avx avx2 fma f16c bmi1 bmi2");
    private static final CpuInfo SKYLAKE_SP = cpu("fpu sse4_2 avx avx2 fma avx512f avx512cd avx512bw avx512dq avx512vl");
    /** Has AVX-512 foundation but not the skylake-avx512 set the AVX-512 build needs (a Xeon Phi, say). */
    private static final CpuInfo KNIGHTS_LANDING = cpu("fpu sse4_2 avx avx2 fma avx512f avx512cd avx512er avx512pf");

    private static final Predicate<NativeBuild> GENERIC_AND_AVX2 = EnumSet.of(GENERIC, AVX2)::contains;

    private static CpuInfo cpu(String flags) {
        return new CpuInfo("test CPU", Set.of(flags.split(" ")));
    }

    @Test
    void aCpuWithoutAvx2GetsTheGenericBuild() {
        NativeBuild.Selection s = NativeBuild.select(NO_AVX2, GENERIC_AND_AVX2, null);
        assertThat(s.build()).isEqualTo(GENERIC);
        assertThat(s.requested()).isEqualTo("auto");
    }

    @Test
    void anAvx2CpuGetsTheGenericBuildWhenTheAvx2JarIsAbsent() {
        assertThat(NativeBuild.select(HASWELL, EnumSet.of(GENERIC)::contains, "auto").build()).isEqualTo(GENERIC);
    }

    @Test
    void anAvx2CpuGetsTheAvx2Build() {
        NativeBuild.Selection s = NativeBuild.select(HASWELL, GENERIC_AND_AVX2, "");
        assertThat(s.build()).isEqualTo(AVX2);
        assertThat(s.reason()).contains("avx2");
    }

    @Test
    void theWidestShippedBuildTheCpuRunsWins() {
        assertThat(NativeBuild.select(SKYLAKE_SP, GENERIC_AND_AVX2, null).build()).isEqualTo(AVX2);
        assertThat(NativeBuild.select(SKYLAKE_SP, EnumSet.of(GENERIC, AVX2, AVX512)::contains, null).build()).isEqualTo(AVX512);
        assertThat(NativeBuild.select(KNIGHTS_LANDING, EnumSet.of(GENERIC, AVX2, AVX512)::contains, null).build()).isEqualTo(AVX2);
    }

    @Test
    void anOverrideIsHonouredWhateverItsRank() {
        NativeBuild.Selection s = NativeBuild.select(SKYLAKE_SP, EnumSet.of(GENERIC, AVX2, AVX512)::contains, "generic");
        assertThat(s.build()).isEqualTo(GENERIC);
        assertThat(s.requested()).isEqualTo("generic");
        assertThat(s.reason()).contains(NativeBuild.OVERRIDE_PROPERTY);
        assertThat(NativeBuild.select(HASWELL, EnumSet.of(GENERIC, AVX2, ONEDNN_AVX2)::contains, " OneDNN-AVX2 ").build())
                .isEqualTo(ONEDNN_AVX2);
    }

    @Test
    void anOverrideTheCpuCannotRunFallsBackToTheAutomaticChoice() {
        NativeBuild.Selection s = NativeBuild.select(NO_AVX2, GENERIC_AND_AVX2, "avx2");
        assertThat(s.build()).isEqualTo(GENERIC);
        assertThat(s.requested()).isEqualTo("avx2");
        assertThat(s.reason()).startsWith("requested avx2 but the CPU lacks avx2;");
    }

    @Test
    void anOverrideWhoseJarIsAbsentFallsBackToTheAutomaticChoice() {
        NativeBuild.Selection s = NativeBuild.select(SKYLAKE_SP, GENERIC_AND_AVX2, "avx512");
        assertThat(s.build()).isEqualTo(AVX2);
        assertThat(s.reason()).contains("nd4j-native linux-x86_64-avx512").contains("not on the class path");
    }

    @Test
    void anUnknownOverrideIsRefusedNamingTheKnownBuilds() {
        assertThatThrownBy(() -> NativeBuild.select(HASWELL, GENERIC_AND_AVX2, "avx3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paretune.nd4j.build=avx3 is not a known ND4J build")
                .hasMessageContaining("generic, avx2, avx512, onednn-avx2, onednn-avx512, cuda, cuda-cudnn");
    }

    @Test
    void aCudaBuildOnTheClassPathWinsOverTheCpu() {
        assertThat(NativeBuild.select(NO_AVX2, EnumSet.of(CUDA_CUDNN)::contains, null).build()).isEqualTo(CUDA_CUDNN);
        assertThat(NativeBuild.select(SKYLAKE_SP, EnumSet.of(CUDA)::contains, null).build()).isEqualTo(CUDA);
        assertThat(CUDA_CUDNN.extension()).isEqualTo("-cudnn");
        assertThat(CUDA_CUDNN.resource()).isEqualTo("org/nd4j/linalg/jcublas/bindings/linux-x86_64-cudnn/libjnind4jcuda.so");
    }

    @Test
    void everyBuildIsRankedOnce() {
        assertThat(NativeBuild.PREFERENCE).containsExactlyInAnyOrder(NativeBuild.values());
        assertThat(NativeBuild.PREFERENCE.get(NativeBuild.PREFERENCE.size() - 1)).isEqualTo(GENERIC);
    }

    @Test
    void seesWhichBuildsThisClassPathCarries() {
        ClassLoader loader = getClass().getClassLoader();
        // shared/nd4j-cpu ships the generic and the oneDNN + AVX2 build, nothing else.
        assertThat(List.of(NativeBuild.values())).filteredOn(b -> b.onClasspath(loader))
                .containsExactly(GENERIC, ONEDNN_AVX2);
        assertThat(ONEDNN_AVX2.resource())
                .isEqualTo("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn-avx2/libjnind4jcpu.so");
    }
}
