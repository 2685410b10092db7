package dlnb.nn;

import dlnb.ops.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/** A fully connected layer: out = activation(x·W + b), W [inputs, units], b [1, units]. */
public class Dense extends WeightedLayer {
    private final int units;
    private INDArray w, b, dw, db;
    private final BatchCache<Buffers> buffers = new BatchCache<>();
    private INDArray lastInput;

    public Dense(int units) {
        this(units, Activation.IDENTITY);
    }

    public Dense(int units, Activation activation) {
        this(units, activation, Initializer.GLOROT_UNIFORM);
    }

    public Dense(int units, Activation activation, Initializer initializer) {
        super(activation, initializer);
        if (units <= 0) throw new IllegalArgumentException("Dense needs a positive number of units, got " + units);
        this.units = units;
    }

    public int units() {
        return units;
    }

    @Override
    public String type() {
        return "Dense";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException(name() + " (Dense) needs flat input [features] but gets [" + join(inputShape)
                    + "]; put a Flatten layer before it");
        }
        return new long[]{units};
    }

    @Override
    public List<ParamSpec> paramSpecs(long[] inputShape) {
        long in = outputShapeInput(inputShape);
        return List.of(new ParamSpec("W", new long[]{in, units}, initializer, true, in, units),
                new ParamSpec("b", new long[]{1, units}, Initializer.ZEROS, false, in, units));
    }

    private long outputShapeInput(long[] inputShape) {
        outputShape(inputShape);
        return inputShape[0];
    }

    @Override
    public void build(long[] inputShape, List<Param> params) {
        super.build(inputShape, params);
        w = params.get(0).value();
        dw = params.get(0).grad();
        b = params.get(1).value();
        db = params.get(1).grad();
        buffers.clear();
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        checkInput(x);
        Buffers buf = buffers.get(x.size(0), this::allocate);
        Blas.gemm(x, false, w, false, buf.output.out, 1, 0);
        Blas.gemm(buf.ones, false, b, false, buf.output.out, 1, 1);
        buf.output.activate();
        lastInput = x;
        return buf.output.out;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        checkGradient(gradOut);
        return backwardLinear(buffers.get(gradOut.size(0), this::allocate).output.gradZ(gradOut));
    }

    @Override
    public INDArray backwardFromPreActivation(INDArray gradZ) {
        checkGradient(gradZ);
        return backwardLinear(gradZ);
    }

    private INDArray backwardLinear(INDArray dz) {
        Buffers buf = buffers.get(dz.size(0), this::allocate);
        Blas.gemm(lastInput, true, dz, false, dw, 1, 0);
        Blas.gemm(buf.ones, true, dz, false, db, 1, 0);
        if (!inputGradientNeeded) return null;
        Blas.gemm(dz, false, w, true, buf.dx, 1, 0);
        return buf.dx;
    }

    private Buffers allocate(long batch) {
        return new Buffers(batch, inputShape[0]);
    }

    /** The buffers for one batch size. */
    private final class Buffers {
        final ActivatedOutput output;
        final INDArray dx, ones;

        Buffers(long batch, long inputs) {
            output = new ActivatedOutput(activation, Nd4j.createUninitialized(w.dataType(), batch, units));
            dx = Nd4j.createUninitialized(w.dataType(), batch, inputs);
            ones = Nd4j.ones(w.dataType(), batch, 1);
        }
    }
}
