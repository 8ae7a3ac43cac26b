package io.paretune.evaluator.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HardwareTest {

    @Test
    void readsTheFirstModelNameOfCpuinfo(@TempDir Path dir) throws Exception {
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz
                processor\t: 1
                model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz
                """);
        assertThat(Hardware.readCpuModel(cpuinfo)).isEqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz");
    }

    @Test
    void namesTheArchitectureWhenTheCpuIsUnknown(@TempDir Path dir) {
        assertThat(Hardware.readCpuModel(dir.resolve("absent"))).startsWith("unknown CPU (");
    }

    @Test
    void describesEveryPart() {
        assertThat(new Hardware("Some CPU", 4, "1", "CpuBackend (OPENBLAS)").describe())
                .isEqualTo("Some CPU | 4 logical cores | OMP_NUM_THREADS=1 | ND4J CpuBackend (OPENBLAS)");
    }
}
