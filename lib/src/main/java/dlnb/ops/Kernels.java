package dlnb.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise ND4J operations bound to fixed arrays ({@code z} may be {@code x} for in-place work). Each
 * factory builds the ND4J op object once; {@link Kernel#run()} only executes it.
 */
public final class Kernels {
    private Kernels() {
    }

    public static Kernel of(Op op) {
        return () -> Nd4j.exec(op);
    }

    public static Kernel of(CustomOp op) {
        return () -> Nd4j.exec(op);
    }

    /** z = max(x, 0). */
    public static Kernel relu(INDArray x, INDArray z) {
        return of(new RectifiedLinear(x, z, 0.0));
    }

    /** z = 1 where x > 0, else 0. */
    public static Kernel step(INDArray x, INDArray z) {
        return of(new Step(x, z, 0.0));
    }

    public static Kernel sigmoid(INDArray x, INDArray z) {
        return of(new Sigmoid(x, z));
    }

    public static Kernel tanh(INDArray x, INDArray z) {
        return of(new Tanh(x, z));
    }

    /** z = x for x > 0, exp(x) - 1 otherwise. */
    public static Kernel elu(INDArray x, INDArray z) {
        return of(new ELU(x, z));
    }

    public static Kernel exp(INDArray x, INDArray z) {
        return of(new Exp(x, z));
    }

    public static Kernel log(INDArray x, INDArray z) {
        return of(new Log(x, z));
    }

    public static Kernel sqrt(INDArray x, INDArray z) {
        return of(new Sqrt(x, z));
    }

    public static Kernel square(INDArray x, INDArray z) {
        return of(new Square(x, z));
    }

    public static Kernel sign(INDArray x, INDArray z) {
        return of(new Sign(x, z));
    }

    /** z = x * (1 - x): the sigmoid's derivative from its output. */
    public static Kernel timesOneMinus(INDArray x, INDArray z) {
        return of(new TimesOneMinus(x, z));
    }

    /** z = 1 - x. */
    public static Kernel oneMinus(INDArray x, INDArray z) {
        return of(new OneMinus(x, z));
    }

    public static Kernel addScalar(INDArray x, double s, INDArray z) {
        return of(new ScalarAdd(x, null, z, s));
    }

    public static Kernel mulScalar(INDArray x, double s, INDArray z) {
        return of(new ScalarMultiplication(x, null, z, s));
    }

    public static Kernel minScalar(INDArray x, double s, INDArray z) {
        return of(new ScalarMin(x, null, z, s));
    }

    /** z = x * y, element by element. */
    public static Kernel mul(INDArray x, INDArray y, INDArray z) {
        return of(new MulOp(x, y, z));
    }

    /** z = x / y, element by element. */
    public static Kernel div(INDArray x, INDArray y, INDArray z) {
        return of(new DivOp(x, y, z));
    }

    /** z = softmax of each row of x. */
    public static Kernel softmax(INDArray x, INDArray z) {
        return of(DynamicCustomOp.builder("softmax").addInputs(x).addOutputs(z).build());
    }

    /** z = log(softmax(x)) row by row, computed stably. */
    public static Kernel logSoftmax(INDArray x, INDArray z) {
        return of(DynamicCustomOp.builder("log_softmax").addInputs(x).addOutputs(z).build());
    }

    /** z[i] = index of the largest value in row i of x (z: a LONG vector). */
    public static Kernel argmaxRows(INDArray x, INDArray z) {
        return of(DynamicCustomOp.builder("argmax").addInputs(x).addOutputs(z).addIntegerArguments(1).build());
    }

    /** A native custom op by name with integer arguments, e.g. "conv2d"; bound to these arrays. */
    public static Kernel custom(String name, INDArray[] inputs, INDArray[] outputs, int... intArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs);
        if (intArgs.length > 0) b.addIntegerArguments(intArgs);
        return of(b.build());
    }
}
