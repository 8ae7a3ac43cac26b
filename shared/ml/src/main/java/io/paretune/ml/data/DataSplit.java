package io.paretune.ml.data;

import io.paretune.contract.campaign.DatasetSpec;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which training images a trial trains on and which it validates on. The validation images depend only on the
 * split seed and fraction, never on {@code trainLimit}, so every trial of a campaign (and the evaluator) sees the
 * same validation set. Test images are never part of a split.
 *
 * <pre>{@code
 * DataSplit split = DataSplit.of(60_000, job.dataset());
 * int[] validation = split.validation();
 * }</pre>
 */
public record DataSplit(int[] train, int[] validation) {

    public static DataSplit of(int total, DatasetSpec spec) {
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(spec.splitSeed());
        for (int i = total - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int validationCount = (int) Math.round(total * spec.validationFraction());
        int[] validation = Arrays.copyOfRange(order, 0, validationCount);
        int trainCount = total - validationCount;
        if (spec.trainLimit() != null) {
            trainCount = Math.min(trainCount, spec.trainLimit());
        }
        int[] train = Arrays.copyOfRange(order, validationCount, validationCount + trainCount);
        return new DataSplit(train, validation);
    }
}
