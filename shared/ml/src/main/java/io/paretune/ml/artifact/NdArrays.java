package io.paretune.ml.artifact;

import io.paretune.artifacts.InvalidArtifactException;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An array in ND4J's binary format ({@code Nd4j.write}) whose length and type the reader knows beforehand.
 * {@code Nd4j.read} allocates whatever the stream's headers declare and builds the array from the strides they
 * give; here the headers are read first and the array is only read when it is exactly the expected length and
 * type and densely laid out.
 *
 * <p>The format: two buffers, the shape information ({@code LONG}: rank, shape, strides, extras, element-wise
 * stride, order) then the values, each as {@code writeUTF(allocation mode)}, the length ({@code int} for the
 * oldest modes, else {@code long}), {@code writeUTF(data type)} and the elements.
 *
 * <pre>{@code
 * INDArray params = NdArrays.read(in, net.numParams(), DataType.FLOAT, "best-params.bin");
 * }</pre>
 */
public final class NdArrays {

    private static final int MAX_RANK = 32;
    /** Both headers and the shape information, with room to spare: what is read before ND4J reads it again. */
    private static final int HEADERS_LIMIT = 8192;

    private NdArrays() {
    }

    private record Header(DataBuffer.AllocationMode mode, long length, DataType type) {
    }

    /**
     * @param name how messages call the array
     * @throws InvalidArtifactException when the stream does not hold exactly such an array
     */
    public static INDArray read(InputStream in, long expectedLength, DataType expectedType, String name)
            throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, HEADERS_LIMIT);
        buffered.mark(HEADERS_LIMIT);
        DataInputStream data = new DataInputStream(buffered);
        try {
            Header shapeHeader = header(data, name);
            if (shapeHeader.type() != DataType.LONG || shapeHeader.length() < 4
                    || shapeHeader.length() > 2L * MAX_RANK + 4) {
                throw new InvalidArtifactException(name + " has no valid shape information");
            }
            long[] shapeInfo = new long[(int) shapeHeader.length()];
            for (int i = 0; i < shapeInfo.length; i++) {
                shapeInfo[i] = data.readLong();
            }
            checkDense(shapeInfo, expectedLength, name);
            Header values = header(data, name);
            if (values.length() != expectedLength || values.type() != expectedType) {
                throw new InvalidArtifactException(name + " declares " + values.length() + " " + values.type()
                        + " values; " + expectedLength + " " + expectedType + " expected");
            }
        } catch (EOFException e) {
            throw new InvalidArtifactException(name + " ends inside its header", e);
        }
        buffered.reset();
        INDArray array;
        try {
            array = Nd4j.read(new DataInputStream(buffered));
        } catch (RuntimeException e) { // ND4J wraps what its stream throws, an early end included
            throw new InvalidArtifactException(name + " does not hold its " + expectedLength + " values", e);
        }
        if (buffered.read() != -1) {
            throw new InvalidArtifactException(name + " has bytes after its values");
        }
        return array;
    }

    private static Header header(DataInputStream data, String name) throws IOException {
        DataBuffer.AllocationMode mode;
        DataType type;
        long length;
        try {
            mode = DataBuffer.AllocationMode.valueOf(data.readUTF());
            length = mode.ordinal() < DataBuffer.AllocationMode.LONG_SHAPE.ordinal() ? data.readInt()
                    : data.readLong();
            type = DataType.valueOf(data.readUTF());
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException(name + " has an unknown buffer header", e);
        }
        return new Header(mode, length, type);
    }

    /**
     * Shape information of a dense array of {@code expectedLength} values: rank, shape, then strides that are the
     * contiguous strides of that shape in its order, so that no view reaches past the values.
     */
    private static void checkDense(long[] shapeInfo, long expectedLength, String name)
            throws InvalidArtifactException {
        long rank = shapeInfo[0];
        if (rank < 0 || rank > MAX_RANK || shapeInfo.length != 2 * rank + 4) {
            throw new InvalidArtifactException(name + " declares rank " + rank);
        }
        int r = (int) rank;
        long[] shape = Arrays.copyOfRange(shapeInfo, 1, 1 + r);
        long[] strides = Arrays.copyOfRange(shapeInfo, 1 + r, 1 + 2 * r);
        char order = (char) shapeInfo[shapeInfo.length - 1];
        long length = 1;
        try {
            for (long d : shape) {
                if (d < 0) {
                    throw new InvalidArtifactException(name + " declares shape " + Arrays.toString(shape));
                }
                length = Math.multiplyExact(length, d);
            }
        } catch (ArithmeticException e) {
            throw new InvalidArtifactException(name + " declares shape " + Arrays.toString(shape), e);
        }
        if (length != expectedLength) {
            throw new InvalidArtifactException(name + " declares shape " + Arrays.toString(shape) + " of " + length
                    + " values; " + expectedLength + " expected");
        }
        if (order != 'c' && order != 'f') {
            throw new InvalidArtifactException(name + " declares order " + (int) order);
        }
        long stride = 1;
        for (int i = 0; i < r; i++) {
            int axis = order == 'c' ? r - 1 - i : i;
            if (shape[axis] > 1 && strides[axis] != stride) {
                throw new InvalidArtifactException(name + " declares strides " + Arrays.toString(strides)
                        + " that do not fit its shape " + Arrays.toString(shape));
            }
            stride *= shape[axis];
        }
    }
}
