package io.paretune.ml.compress;

import io.paretune.artifacts.InvalidArtifactException;
import io.paretune.contract.search.CompressionConfig.Scope;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which {@linkplain PrunableWeights prunable weights} are pruned: per weight array, 1 where the weight is kept and
 * 0 where it is held at zero. Magnitude masks prune the weights of smallest absolute value, either with one
 * threshold over all layers ({@link Scope#GLOBAL}) or the same fraction of each layer ({@link Scope#LAYER}).
 * Applying masks after every update ({@link MaskingListener}) keeps pruned weights exactly zero through training.
 * {@link #toBytes()} and {@link #fromBytes(byte[], MultiLayerNetwork)} carry them in a checkpoint.
 *
 * <pre>{@code
 * Masks masks = Masks.magnitude(net, 0.9, Scope.GLOBAL);  // one-shot: 90 % of the weights set to zero
 * masks.applyTo(net);
 * net.setListeners(new MinibatchStatsListener(pulse), MaskingListener.holding(masks)); // fine-tune, zeros held
 * byte[] saved = masks.toBytes();                          // into the checkpoint
 * Masks resumed = Masks.fromBytes(saved, restoredNet);     // checked against the network's own shapes
 * }</pre>
 */
public final class Masks {

    private static final byte[] MAGIC = "PTMASKS1".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, INDArray> masks;
    private final long pruned;
    private final long total;

    /** @param keep per weight array, 1 kept and 0 pruned, row-major */
    private Masks(MultiLayerNetwork net, Map<String, float[]> keep) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        long p = 0;
        long t = 0;
        for (Map.Entry<String, float[]> e : keep.entrySet()) {
            arrays.put(e.getKey(), Nd4j.create(e.getValue(), net.getParam(e.getKey()).shape(), 'c'));
            for (float k : e.getValue()) {
                p += k == 0 ? 1 : 0;
            }
            t += e.getValue().length;
        }
        this.masks = Collections.unmodifiableMap(arrays);
        this.pruned = p;
        this.total = t;
    }

    /** Masks that prune {@code sparsity} of the network's prunable weights, smallest magnitudes first. */
    public static Masks magnitude(MultiLayerNetwork net, double sparsity, Scope scope) {
        return magnitude(net, sparsity, scope, null);
    }

    /**
     * Like {@link #magnitude(MultiLayerNetwork, double, Scope)}, but weights {@code already} prunes are pruned
     * first, whatever their value: gradual pruning only ever adds to its masks.
     *
     * @param already masks of the same network, or null
     * @throws IllegalArgumentException for a sparsity outside [0, 1)
     */
    public static Masks magnitude(MultiLayerNetwork net, double sparsity, Scope scope, Masks already) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1): " + sparsity);
        }
        Map<String, float[]> scores = new LinkedHashMap<>();
        for (String key : PrunableWeights.keys(net)) {
            float[] w = PrunableWeights.values(net.getParam(key));
            float[] pruned = already == null ? null : PrunableWeights.values(already.masks.get(key));
            for (int i = 0; i < w.length; i++) {
                w[i] = pruned != null && pruned[i] == 0 ? -1 : Math.abs(w[i]);
            }
            scores.put(key, w);
        }
        Map<String, float[]> keep = new LinkedHashMap<>();
        if (scope == Scope.LAYER) {
            scores.forEach((key, s) -> keep.put(key, keepAllButSmallest(List.of(s), Math.round(sparsity * s.length)).get(0)));
        } else {
            long total = scores.values().stream().mapToLong(s -> s.length).sum();
            List<float[]> kept = keepAllButSmallest(List.copyOf(scores.values()), Math.round(sparsity * total));
            int i = 0;
            for (String key : scores.keySet()) {
                keep.put(key, kept.get(i++));
            }
        }
        return new Masks(net, keep);
    }

    /** Masks that hold the weights that are zero now at zero (a pruned network resumed without its masks). */
    public static Masks ofZeros(MultiLayerNetwork net) {
        Map<String, float[]> keep = new LinkedHashMap<>();
        for (String key : PrunableWeights.keys(net)) {
            float[] k = PrunableWeights.values(net.getParam(key));
            for (int i = 0; i < k.length; i++) {
                k[i] = k[i] != 0 ? 1 : 0;
            }
            keep.put(key, k);
        }
        return new Masks(net, keep);
    }

    /**
     * 1 for every score except the {@code count} smallest over all arrays together, which get 0; equal scores are
     * taken in array and index order, so exactly {@code count} are pruned.
     */
    private static List<float[]> keepAllButSmallest(List<float[]> scores, long count) {
        int total = scores.stream().mapToInt(s -> s.length).sum();
        float threshold = Float.NEGATIVE_INFINITY;
        long below = 0;
        if (count > 0) {
            float[] all = new float[total];
            int at = 0;
            for (float[] s : scores) {
                System.arraycopy(s, 0, all, at, s.length);
                at += s.length;
            }
            Arrays.sort(all);
            threshold = all[(int) count - 1];
            for (float v : all) {
                if (v < threshold) {
                    below++;
                }
            }
        }
        long tiesToPrune = count - below;
        List<float[]> keep = new java.util.ArrayList<>();
        for (float[] s : scores) {
            float[] k = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                boolean prune = s[i] < threshold || (s[i] == threshold && tiesToPrune-- > 0);
                k[i] = prune ? 0 : 1;
            }
            keep.add(k);
        }
        return keep;
    }

    /** Multiplies each weight array by its mask, in place: pruned weights become exactly zero. */
    public void applyTo(MultiLayerNetwork net) {
        masks.forEach((key, mask) -> net.getParam(key).muli(mask));
    }

    /** The weight arrays masked, by key ({@code "0_W"}). */
    public Set<String> keys() {
        return masks.keySet();
    }

    /** The mask of one weight array: 1 kept, 0 pruned, in the weights' shape. */
    public INDArray mask(String key) {
        return masks.get(key);
    }

    /** Weights held at zero. */
    public long prunedCount() {
        return pruned;
    }

    /** Fraction of the masked weights held at zero. */
    public double sparsity() {
        return total == 0 ? 0 : (double) pruned / total;
    }

    /**
     * The masks as bytes: {@code "PTMASKS1"}, the number of arrays, then per array its key (modified UTF-8), rank,
     * dimensions and a bitmap of kept weights ({@code ceil(n/8)} bytes, row-major, least significant bit first).
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(masks.size());
            for (Map.Entry<String, INDArray> e : masks.entrySet()) {
                out.writeUTF(e.getKey());
                long[] shape = e.getValue().shape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                out.write(Bitmap.ofNonzero(PrunableWeights.values(e.getValue())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The most bytes {@link #toBytes()} writes for masks of {@code net}: what a reader of a checkpoint reads of a
     * mask file before {@link #fromBytes} checks it.
     */
    public static int maxBytes(MultiLayerNetwork net) {
        long bytes = MAGIC.length + Integer.BYTES;
        for (String key : PrunableWeights.keys(net)) {
            long[] shape = net.getParam(key).shape();
            bytes += 2 + key.length() * 3L + Integer.BYTES + Long.BYTES * (long) shape.length
                    + Bitmap.bytesFor(Math.toIntExact(net.getParam(key).length()));
        }
        return Math.toIntExact(bytes);
    }

    /**
     * Reads masks written by {@link #toBytes()} for {@code net}. Nothing is allocated from what the bytes declare:
     * every key must be a prunable weight of {@code net} named once, and every shape that weight's shape, so the
     * network bounds what is read.
     *
     * @throws InvalidArtifactException when the bytes are not masks of this network
     */
    public static Masks fromBytes(byte[] bytes, MultiLayerNetwork net) throws InvalidArtifactException {
        List<String> prunable = PrunableWeights.keys(net);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidArtifactException("not a mask file (no " + new String(MAGIC, StandardCharsets.US_ASCII)
                        + " header)");
            }
            int count = in.readInt();
            if (count < 0 || count > prunable.size()) {
                throw new InvalidArtifactException("mask file declares " + count + " arrays; the network has "
                        + prunable.size() + " prunable weight arrays");
            }
            Map<String, float[]> masks = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                if (!prunable.contains(key) || masks.containsKey(key)) {
                    throw new InvalidArtifactException("mask file names '" + key + "', which is not a prunable weight "
                            + "of the network or is named twice; expected " + prunable);
                }
                long[] expected = net.getParam(key).shape();
                int rank = in.readInt();
                if (rank != expected.length) {
                    throw new InvalidArtifactException("mask " + key + " has rank " + rank + ", the weights "
                            + expected.length);
                }
                long[] shape = new long[rank];
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                }
                if (!Arrays.equals(shape, expected)) {
                    throw new InvalidArtifactException("mask " + key + " has shape " + Arrays.toString(shape)
                            + ", the weights " + Arrays.toString(expected));
                }
                int n = (int) net.getParam(key).length();
                byte[] bits = new byte[Bitmap.bytesFor(n)];
                in.readFully(bits);
                if (!Bitmap.paddingClear(bits, n)) {
                    throw new InvalidArtifactException("mask " + key + " has bits set past its last weight");
                }
                float[] keep = new float[n];
                for (int j = 0; j < n; j++) {
                    keep[j] = Bitmap.isSet(bits, j) ? 1 : 0;
                }
                masks.put(key, keep);
            }
            if (in.read() != -1) {
                throw new InvalidArtifactException("mask file has bytes after its last mask");
            }
            return new Masks(net, masks);
        } catch (EOFException e) {
            throw new InvalidArtifactException("mask file ends early", e);
        } catch (InvalidArtifactException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidArtifactException("unreadable mask file: " + e.getMessage(), e);
        }
    }
}
