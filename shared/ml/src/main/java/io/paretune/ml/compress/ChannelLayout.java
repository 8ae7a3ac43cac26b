package io.paretune.ml.compress;

/** Which output channel (unit or filter) each element of a row-major weight array belongs to. */
final class ChannelLayout {

    private final int channels;
    private final long inner;

    ChannelLayout(long[] shape, int axis) {
        this.channels = (int) shape[axis];
        long elementsPerStep = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            elementsPerStep *= shape[d];
        }
        this.inner = elementsPerStep;
    }

    int channels() {
        return channels;
    }

    int channelOf(int index) {
        return (int) (index / inner % channels);
    }
}
