package dlnb.nn;

/** The size, stride and padding of a sliding window (convolution kernel or pooling area), checked on creation. */
record Window(int height, int width, int strideH, int strideW, Padding padding) {
    Window {
        if (height <= 0 || width <= 0) throw new IllegalArgumentException("window size must be positive, got " + height + "x" + width);
        if (strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("stride must be positive, got " + strideH + "x" + strideW);
        }
        if (padding == null) throw new IllegalArgumentException("padding must be VALID or SAME");
    }

    /** [channels, outH, outW] for an input of [channels, h, w]; fails naming the layer when the window does not fit. */
    long[] outputShape(String layer, long[] input, long channelsOut) {
        if (input.length != 3) {
            throw new IllegalArgumentException(layer + " needs input [channels, height, width] (NCHW) but gets rank "
                    + input.length + " input");
        }
        if (padding == Padding.VALID && (height > input[1] || width > input[2])) {
            throw new IllegalArgumentException(layer + ": the " + height + "x" + width + " window is larger than its "
                    + input[1] + "x" + input[2] + " input");
        }
        return new long[]{channelsOut, padding.outputLength(input[1], height, strideH),
                padding.outputLength(input[2], width, strideW)};
    }

    /** ND4J's integer arguments for conv2d / maxpool2d in NCHW: kH, kW, sH, sW, pH, pW, dH, dW, same-mode. */
    int[] nd4jArgs() {
        return new int[]{height, width, strideH, strideW, 0, 0, 1, 1, padding.code()};
    }
}
