package dlnb.check;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.*;

class BackpropChecksTest {
    /** The optimised backward pass as notebook 05 writes it; {@code naiveOutput} divides by A·(1 − A) at the output. */
    static INDArray[] backward(INDArray y, INDArray[] w, INDArray[] a, double lambda2, boolean naiveOutput) {
        INDArray[] g = new INDArray[w.length];
        INDArray out = a[w.length];
        INDArray delta = naiveOutput ? out.sub(y).divi(out.mul(out.rsub(1))).muli(out.mul(out.rsub(1))) : out.sub(y);
        for (int l = w.length - 1; l >= 0; l--) {
            g[l] = w[l].ulike();
            INDArray weights = BackpropChecks.weights(w[l]);
            Nd4j.gemm(a[l], delta, BackpropChecks.weights(g[l]), true, false, 1.0, 0.0);
            BackpropChecks.weights(g[l]).addi(weights.mul(lambda2));
            BackpropChecks.biases(g[l]).assign(delta.sum(true, 0));
            if (l > 0) delta = delta.mmul(weights.transpose()).muli(a[l].mul(a[l].rsub(1)));
        }
        return g;
    }

    static double maxDifference(INDArray[] a, INDArray[] b) {
        double max = 0;
        for (int l = 0; l < a.length; l++) max = Math.max(max, Transforms.abs(a[l].sub(b[l]), false).maxNumber().doubleValue());
        return max;
    }

    @Test
    void theThreeReferencesAgree() {
        for (BackpropChecks.Net n : BackpropChecks.smallNetworks()) {
            assertTrue(maxDifference(BackpropChecks.numericalGradients(n), BackpropChecks.gradients(n, null)) < 1e-6, n.label());
            assertTrue(maxDifference(BackpropChecks.libraryGradients(n), BackpropChecks.gradients(n, null)) < 1e-9, n.label());
        }
        for (BackpropChecks.Net n : BackpropChecks.mlps()) {
            assertTrue(maxDifference(BackpropChecks.libraryGradients(n), BackpropChecks.gradients(n, null)) < 1e-9, n.label());
        }
    }

    @Test
    void rightSolutionEarnsEveryPoint() {
        assertEquals("4/4", Captured.run(() -> BackpropChecks.backward((y, w, a, l2) -> backward(y, w, a, l2, false))).points());
    }

    @Test
    void slipsAreExplainedLayerByLayer() {
        Captured bias = Captured.run(() -> BackpropChecks.backward((y, w, a, l2) -> {
            INDArray[] g = backward(y, w, a, l2, false);
            for (int l = 0; l < w.length; l++) BackpropChecks.biases(g[l]).addi(BackpropChecks.biases(w[l]).mul(l2));
            return g;
        }));
        assertEquals("0/4", bias.points());
        assertTrue(bias.err().contains("your gradient for w[2] (the output layer) has"), bias.err());
        assertTrue(bias.err().contains("(the numerical gradient is "), bias.err());
        assertTrue(bias.err().contains("the L2 term is added to the bias row too"), bias.err());

        Captured naive = Captured.run(() -> BackpropChecks.backward((y, w, a, l2) -> backward(y, w, a, l2, true)));
        assertEquals("2/4", naive.points());
        assertTrue(naive.err().contains("on large weights, saturating some units"), naive.err());
        assertTrue(naive.err().contains("no division needed"), naive.err());

        Captured wrongShape = Captured.run(() -> BackpropChecks.backward((y, w, a, l2) -> {
            INDArray[] g = backward(y, w, a, l2, false);
            g[1] = BackpropChecks.weights(g[1]).dup();
            return g;
        }));
        assertTrue(wrongShape.err().contains("your gradient for w[1] has shape [5, 4]; it must have the shape of w[1], [6, 4]"), wrongShape.err());
    }
}
