package dlnb.nn;

import dlnb.ops.Kernel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer's output buffer for one batch size with its activation applied in place, and the gradient with respect
 * to the value before the activation (computed from the stored output). Dense and Conv2D keep one per batch size.
 */
final class ActivatedOutput {
    final INDArray out;
    private final Activation activation;
    private final INDArray gradZ;
    private final Kernel activate;
    private INDArray boundGrad;
    private Kernel derivative;

    ActivatedOutput(Activation activation, INDArray out) {
        this.activation = activation;
        this.out = out;
        this.gradZ = activation == Activation.IDENTITY ? null : Nd4j.createUninitialized(out.dataType(), out.shape());
        this.activate = activation.forward(out);
    }

    /** Applies the activation to the output buffer, in place. */
    void activate() {
        activate.run();
    }

    /** dL/dz: the incoming gradient times the activation's derivative (the kernel is rebound if the gradient array changes). */
    INDArray gradZ(INDArray gradOut) {
        if (activation == Activation.IDENTITY) return gradOut;
        if (gradOut != boundGrad) {
            derivative = activation.backward(out, gradOut, gradZ);
            boundGrad = gradOut;
        }
        derivative.run();
        return gradZ;
    }
}
