package io.paretune.ml.compress;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** fp16 and int8 round trips stay within their error bounds. */
class QuantizationTest {

    @Test
    void fp16KnownValues() {
        assertThat(Fp16.fromFloat(0.1f)).isEqualTo((short) 0x2E66);
        assertThat(Fp16.fromFloat(1.5f)).isEqualTo((short) 0x3E00);
        assertThat(Fp16.fromFloat(-2f)).isEqualTo((short) 0xC000);
        assertThat(Fp16.fromFloat(65_504f)).as("largest half").isEqualTo((short) 0x7BFF);
        assertThat(Fp16.fromFloat(65_520f)).as("halfway to 65,536 rounds to even: infinity").isEqualTo((short) 0x7C00);
        assertThat(Fp16.fromFloat(0x1p-24f)).as("smallest subnormal").isEqualTo((short) 0x0001);
        assertThat(Fp16.fromFloat(0x1p-25f)).as("halfway to it rounds to even: zero").isEqualTo((short) 0);
        assertThat(Fp16.fromFloat(-0f)).isEqualTo((short) 0x8000);
        assertThat(Fp16.toFloat(Fp16.fromFloat(Float.NaN))).isNaN();
        assertThat(Fp16.toFloat((short) 0x2E66)).isEqualTo(0.099975586f);
    }

    @Test
    void fp16RoundsLikeNd4jAndWithinHalfAnUlp() {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[20_000];
        for (int i = 0; i < values.length; i++) {
            // magnitudes from 1e-9 to 1e4: subnormal, normal and everything weights take
            values[i] = (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-9, 4)));
        }
        float[] nd4j = Nd4j.create(values).castTo(DataType.HALF).castTo(DataType.FLOAT).toFloatVector();

        for (int i = 0; i < values.length; i++) {
            float back = Fp16.toFloat(Fp16.fromFloat(values[i]));
            assertThat(back).as("%s", values[i]).isEqualTo(nd4j[i]);
            float bound = Math.abs(values[i]) >= 0x1p-14f ? Math.abs(values[i]) * 0x1p-11f : 0x1p-25f;
            assertThat(Math.abs(back - values[i])).as("%s", values[i]).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void int8ErrorIsAtMostHalfAScalePerChannel() {
        SplittableRandom random = new SplittableRandom(5);
        long[] shape = {300, 8}; // dense [nIn, nOut]: channels along axis 1
        float[] w = new float[300 * 8];
        for (int i = 0; i < w.length; i++) {
            int channel = i % 8;
            // channels of very different ranges; a third of the weights pruned
            w[i] = random.nextInt(3) == 0 ? 0 : (float) (random.nextGaussian() * Math.pow(10, channel - 4));
        }

        Int8Weights q = Int8Weights.quantize(w, shape, 1);
        float[] back = q.dequantize();

        assertThat(q.scales()).hasSize(8);
        for (int i = 0; i < w.length; i++) {
            float scale = q.scales()[i % 8];
            assertThat(Math.abs(back[i] - w[i])).isLessThanOrEqualTo(scale / 2 * 1.0001f);
            if (w[i] == 0) {
                assertThat(back[i]).as("pruned stays exactly zero").isZero();
            }
        }
        for (int c = 0; c < 8; c++) {
            float max = 0;
            for (int i = c; i < w.length; i += 8) {
                max = Math.max(max, Math.abs(w[i]));
            }
            assertThat(q.scales()[c]).isEqualTo(max / 127);
        }
    }

    @Test
    void int8ConvolutionsQuantizePerFilter() {
        long[] shape = {4, 2, 3, 3}; // [nOut, nIn, kH, kW]: channels along axis 0
        float[] w = new float[72];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i / 18 + 1) * (i % 2 == 0 ? 1f : -0.5f); // filter f has weights ±(f + 1)
        }

        Int8Weights q = Int8Weights.quantize(w, shape, 0);

        assertThat(q.scales()).containsExactly(1f / 127, 2f / 127, 3f / 127, 4f / 127);
        assertThat(q.values()[0]).isEqualTo((byte) 127);
        assertThat(q.values()[1]).as("-0.5 · 127 = -63.5 rounds to -63").isEqualTo((byte) -63);
        assertThat(Int8Weights.quantize(new float[4], new long[]{2, 2}, 1).dequantize()).containsOnly(0f);
    }
}
