package io.paretune.ml.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CpuInfoTest {

    @Test
    void readsTheFirstProcessorsModelAndFlags(@TempDir Path dir) throws Exception {
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz
                flags\t\t: fpu sse4_2 AVX avx2 fma
                processor\t: 1
                model name\t: Other
                flags\t\t: fpu
                """);
        CpuInfo cpu = CpuInfo.read(cpuinfo);
        assertThat(cpu.model()).isEqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz");
        assertThat(cpu.flags()).containsExactlyInAnyOrder("fpu", "sse4_2", "avx", "avx2", "fma");
        assertThat(cpu.hasAll(java.util.Set.of("avx", "avx2"))).isTrue();
        assertThat(cpu.has("avx512f")).isFalse();
    }

    @Test
    void anAbsentFileIsAnUnknownCpuWithoutFlags(@TempDir Path dir) {
        CpuInfo cpu = CpuInfo.read(dir.resolve("absent"));
        assertThat(cpu.model()).startsWith("unknown CPU (");
        assertThat(cpu.flags()).isEmpty();
    }

    @Test
    void thisMachineHasAModelName() {
        // Linux CI machines and containers on x86-64: the selector depends on this file being readable.
        assertThat(CpuInfo.read().model()).doesNotStartWith("unknown CPU");
        assertThat(CpuInfo.parse(List.of()).flags()).isEmpty();
    }
}
