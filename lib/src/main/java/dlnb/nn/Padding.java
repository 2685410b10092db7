package dlnb.nn;

/** How a convolution or pooling window treats the border: VALID stays inside; SAME pads so out = ceil(in / stride). */
public enum Padding {
    VALID, SAME;

    /** Output length along one axis. */
    long outputLength(long input, int window, int stride) {
        return this == SAME ? (input + stride - 1) / stride : (input - window) / stride + 1;
    }

    /** ND4J's integer code for the mode. */
    int code() {
        return this == SAME ? 1 : 0;
    }
}
