package dlnb.nn;

import dlnb.model.Sequential;
import dlnb.ops.SingleChannelConv;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dense and Conv2D against twins written the way a student would, with ordinary ND4J calls and no reused buffers
 * or fused steps: the fast layers must give the same outputs and gradients (float32, on the fast code paths).
 */
class PlainTwinsTest {
    /** z = x·W + b, a = f(z); dz = da ⊙ f'(a), dW = xᵀ·dz, db = Σ rows dz, dx = dz·Wᵀ. */
    record PlainDense(INDArray w, INDArray b, Activation f) {
        INDArray forward(INDArray x) {
            return apply(f, x.mmul(w).addRowVector(b));
        }

        INDArray[] backward(INDArray x, INDArray a, INDArray da) {
            INDArray dz = da.mul(derivative(f, a));
            return new INDArray[]{x.transpose().mmul(dz), dz.sum(0).reshape(1, -1), dz.mmul(w.transpose())};
        }
    }

    /**
     * Stride 1, no padding: z[n, f, i, j] = b[f] + Σ_{p,q} Σ_c x[n, c, i+p, j+q]·W[p, q, c, f], one (p, q) at a
     * time: the patch of x shifted by (p, q), as a matrix [n·h'·w', c], times W[p, q] [c, f].
     */
    record PlainConv(INDArray w, INDArray b, Activation f) {
        INDArray forward(INDArray x) {
            long n = x.size(0), c = x.size(1), kh = w.size(0), kw = w.size(1), filters = w.size(3);
            long oh = x.size(2) - kh + 1, ow = x.size(3) - kw + 1;
            INDArray z = Nd4j.zeros(x.dataType(), n * oh * ow, filters);
            for (int p = 0; p < kh; p++) {
                for (int q = 0; q < kw; q++) z.addi(patch(x, p, q, oh, ow).mmul(kernel(p, q, c, filters)));
            }
            z.addiRowVector(b.reshape(1, -1));
            return apply(f, z.reshape(n, oh, ow, filters).permute(0, 3, 1, 2).dup());
        }

        /** dW[p, q] = patchᵀ·dz, db = Σ dz, dx[shifted by (p, q)] += dz·W[p, q]ᵀ. */
        INDArray[] backward(INDArray x, INDArray a, INDArray da) {
            long n = x.size(0), c = x.size(1), kh = w.size(0), kw = w.size(1), filters = w.size(3);
            long oh = a.size(2), ow = a.size(3);
            INDArray dz = da.mul(derivative(f, a)).permute(0, 2, 3, 1).dup().reshape(n * oh * ow, filters);
            INDArray dw = Nd4j.zeros(w.dataType(), w.shape());
            INDArray dx = Nd4j.zeros(x.dataType(), x.shape());
            for (int p = 0; p < kh; p++) {
                for (int q = 0; q < kw; q++) {
                    INDArray kernelGrad = patch(x, p, q, oh, ow).transpose().mmul(dz);
                    dw.get(NDArrayIndex.point(p), NDArrayIndex.point(q), NDArrayIndex.all(), NDArrayIndex.all()).assign(kernelGrad);
                    INDArray back = dz.mmul(kernel(p, q, c, filters).transpose()).reshape(n, oh, ow, c).permute(0, 3, 1, 2);
                    INDArrayIndex[] at = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(p, p + oh), NDArrayIndex.interval(q, q + ow)};
                    dx.put(at, dx.get(at).add(back));
                }
            }
            return new INDArray[]{dw, dz.sum(0), dx};
        }

        private INDArray kernel(int p, int q, long c, long filters) {
            return w.get(NDArrayIndex.point(p), NDArrayIndex.point(q), NDArrayIndex.all(), NDArrayIndex.all()).reshape(c, filters);
        }

        private static INDArray patch(INDArray x, int p, int q, long oh, long ow) {
            INDArray shifted = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(p, p + oh), NDArrayIndex.interval(q, q + ow));
            return shifted.permute(0, 2, 3, 1).dup().reshape(x.size(0) * oh * ow, x.size(1));
        }
    }

    private static INDArray apply(Activation f, INDArray z) {
        return switch (f) {
            case IDENTITY -> z;
            case RELU -> Transforms.relu(z, true);
            case SIGMOID -> Transforms.sigmoid(z, true);
            case TANH -> Transforms.tanh(z, true);
            default -> throw new IllegalArgumentException(f.toString());
        };
    }

    private static INDArray derivative(Activation f, INDArray a) {
        return switch (f) {
            case IDENTITY -> Nd4j.onesLike(a);
            case RELU -> a.gt(0).castTo(a.dataType());
            case SIGMOID -> a.mul(a.rsub(1));
            case TANH -> a.mul(a).rsub(1);
            default -> throw new IllegalArgumentException(f.toString());
        };
    }

    private static void close(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1e-3, expected.dup().castTo(DataType.DOUBLE).norm2Number().doubleValue());
        double diff = expected.reshape(actual.shape()).castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        assertTrue(diff / scale < 1e-5, what + ": relative difference " + diff / scale);
    }

    private static void denseMatchesItsTwin(int batch, int inputs, int units, Activation f) {
        Sequential net = new Sequential(new Dense(units, f)).seed(3).input(inputs).build();
        net.layer(0).setInputGradientNeeded(true);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, inputs).subi(0.5), da = Nd4j.randn(DataType.FLOAT, batch, units);
        Dense dense = (Dense) net.layer(0);
        var twin = new PlainDense(dense.params().get(0).value().dup(), dense.params().get(1).value().dup(), f);
        INDArray a = net.forward(x, true).dup();
        INDArray[] expected = twin.backward(x, twin.forward(x), da);
        INDArray dx = dense.backward(da);
        String at = f + " " + batch + "x" + inputs + "→" + units;
        close(twin.forward(x), a, "output " + at);
        close(expected[0], dense.params().get(0).grad(), "dW " + at);
        close(expected[1], dense.params().get(1).grad(), "db " + at);
        close(expected[2], dx, "dx " + at);
    }

    @Test
    void denseMatchesThePlainTwinOnSmallAndLargeProducts() {
        denseMatchesItsTwin(3, 5, 4, Activation.RELU);
        denseMatchesItsTwin(500, 784, 70, Activation.SIGMOID);
        denseMatchesItsTwin(100, 784, 50, Activation.TANH);
        denseMatchesItsTwin(7, 30, 10, Activation.IDENTITY);
    }

    /** Small batches in one call; larger ones in parts of the batch at once (BatchSplit), even and uneven, W3's shapes. */
    @Test
    void conv2dMatchesThePlainTwin() {
        for (Activation f : new Activation[]{Activation.RELU, Activation.IDENTITY}) {
            convMatchesItsTwin(4, 2, 9, 8, 3, 5, f, true);
            convMatchesItsTwin(17, 3, 7, 9, 3, 4, f, true);
        }
        convMatchesItsTwin(64, 32, 13, 13, 3, 64, Activation.RELU, true);
        convMatchesItsTwin(64, 64, 5, 5, 3, 64, Activation.RELU, false);
    }

    /**
     * One-channel images take the direct passes (SingleChannelConv): rows of exactly one vector, of whole vectors
     * plus an overlapping last one, batches split over the cores or not, with and without the input gradient, from
     * dL/da (the activation's derivative formed in the pass) and from dL/dz. Other activations take ND4J's conv2d.
     */
    @Test
    void oneChannelConv2dMatchesThePlainTwin() {
        int[][] cases = {{64, 28, 28, 3, 32}, {3, 20, 20, 5, 4}, {5, 9, 40, 3, 7}, {2, 33, 17, 2, 3}};
        for (int[] c : cases) {
            for (Activation f : new Activation[]{Activation.RELU, Activation.IDENTITY}) {
                for (boolean needDx : new boolean[]{false, true}) {
                    assertTrue(SingleChannelConv.handles(f.pointwise()), f.toString());
                    convMatchesItsTwin(c[0], 1, c[1], c[2], c[3], c[4], f, needDx);
                }
            }
        }
    }

    /** Output, dW, db and dx (or none when not needed) against the twin, from dL/da and again from dL/dz. */
    private static void convMatchesItsTwin(int batch, int channels, int h, int w, int k, int filters, Activation f, boolean needDx) {
        String at = batch + "x" + channels + "x" + h + "x" + w + " kernel " + k + " filters " + filters + " " + f + (needDx ? " with dx" : "");
        Sequential net = new Sequential(new Conv2D(filters, k, f)).seed(7).input(channels, h, w).build();
        Conv2D conv = (Conv2D) net.layer(0);
        conv.setInputGradientNeeded(needDx);
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, channels, h, w);
        INDArray da = Nd4j.randn(DataType.FLOAT, batch, filters, h - k + 1, w - k + 1);
        if (channels == 1) assertTrue(SingleChannelConv.fits(1, false, x, conv.weights()), "the direct pass should take " + at);
        var twin = new PlainConv(conv.params().get(0).value().dup(), conv.params().get(1).value().dup(), f);
        INDArray a = net.forward(x, true).dup();
        INDArray plainA = twin.forward(x);
        close(plainA, a, "output " + at);
        INDArray[] expected = twin.backward(x, plainA, da);
        INDArray dx = conv.backward(da);
        close(expected[0], conv.params().get(0).grad(), "dW " + at);
        close(expected[1], conv.params().get(1).grad(), "db " + at);
        if (needDx) close(expected[2], dx, "dx " + at);
        else assertNull(dx, at);
        conv.params().get(0).grad().assign(0);
        conv.backwardFromPreActivation(da.mul(derivative(f, plainA)));
        close(expected[0], conv.params().get(0).grad(), "dW from dz " + at);
    }
}
