package io.paretune.ml.data;

import io.paretune.contract.campaign.DatasetSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DataSplitTest {

    @Test
    void holdsOutTheFractionDisjointFromTraining() {
        DataSplit split = DataSplit.of(60_000, new DatasetSpec("fashion-mnist", 0.1, null, 42));

        assertThat(split.validation()).hasSize(6_000);
        assertThat(split.train()).hasSize(54_000);
        Set<Integer> seen = new HashSet<>();
        Arrays.stream(split.validation()).forEach(seen::add);
        Arrays.stream(split.train()).forEach(i -> assertThat(seen.add(i)).isTrue());
        assertThat(seen).hasSize(60_000);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        DataSplit a = DataSplit.of(1_000, new DatasetSpec("fashion-mnist", 0.2, null, 1));
        DataSplit b = DataSplit.of(1_000, new DatasetSpec("fashion-mnist", 0.2, null, 1));
        DataSplit c = DataSplit.of(1_000, new DatasetSpec("fashion-mnist", 0.2, null, 2));

        assertThat(a.validation()).isEqualTo(b.validation());
        assertThat(a.train()).isEqualTo(b.train());
        assertThat(a.validation()).isNotEqualTo(c.validation());
    }

    @Test
    void trainLimitShrinksTrainingButNeverChangesValidation() {
        DataSplit full = DataSplit.of(60_000, new DatasetSpec("fashion-mnist", 0.1, null, 42));
        DataSplit limited = DataSplit.of(60_000, new DatasetSpec("fashion-mnist", 0.1, 2_000, 42));

        assertThat(limited.train()).hasSize(2_000);
        assertThat(limited.validation()).isEqualTo(full.validation());
        assertThat(limited.train()).isEqualTo(Arrays.copyOf(full.train(), 2_000));
    }
}
