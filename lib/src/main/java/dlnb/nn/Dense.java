package dlnb.nn;

import dlnb.ops.BatchCache;
import dlnb.ops.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * A fully connected layer: every unit sees every input.
 * <pre>
 * forward, for a batch x [batch, inputs]:
 *   z  = x·W + b        W [inputs, units]; the bias row b [1, units] is added to every row of x·W
 *   a  = f(z)           the activation, in place (Activation has each f and its derivative)
 * backward, given da = dL/da [batch, units]:
 *   dz = da ⊙ f'(a)     f' from the stored output a; or dz directly when the loss folds f in (softmax: p - y)
 *   dW = xᵀ·dz          the product sums the batch's contributions
 *   db = Σ rows of dz   one value per unit
 *   dx = dz·Wᵀ          handed to the layer below
 * </pre>
 * The products are BLAS calls; adding b to every row and applying f is one pass over z (see Activation for f and f',
 * and dlnb.ops.Fused for the pass). Σ rows of dz is written as a product: the row of ones 1ᵀ [1, batch] times dz.
 */
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

    /** Settings: units, activation (default linear), initializer (default glorot_uniform). */
    public Dense(LayerConfig c) {
        this(c.intValue("units"), c.activation(), c.initializer(Initializer.GLOROT_UNIFORM));
    }

    @Override
    protected Object[] settings() {
        return new Object[]{"units", units, "activation", activation.toString(), "initializer", initializer.name()};
    }

    public int units() {
        return units;
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
        long in = outputShape(inputShape).length == 1 ? inputShape[0] : 0;
        return List.of(ParamSpec.weight("W", new long[]{in, units}, initializer, in, units),
                ParamSpec.unpenalized("b", new long[]{1, units}, Initializer.ZEROS));
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
        Blas.gemm(x, false, w, false, buf.output.out, 1, 0); // x·W
        buf.output.activate();                               // a = f(x·W + b): b added to every row, then f
        lastInput = x;
        return buf.output.out;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        checkGradient(gradOut);
        return backwardFromPreActivation(buffers.get(gradOut.size(0), this::allocate).output.gradZ(gradOut)); // dz = da ⊙ f'(a)
    }

    @Override
    public INDArray backwardFromPreActivation(INDArray dz) {
        checkGradient(dz);
        Buffers buf = buffers.get(dz.size(0), this::allocate);
        Blas.gemm(lastInput, true, dz, false, dw, 1, 0); // dW = xᵀ·dz
        Blas.gemm(buf.ones, true, dz, false, db, 1, 0);  // db = 1ᵀ·dz, the sum of dz's rows
        if (!inputGradientNeeded) return null;
        INDArray dx = buf.dx();
        Blas.gemm(dz, false, w, true, dx, 1, 0);         // dx = dz·Wᵀ
        return dx;
    }

    private Buffers allocate(long batch) {
        return new Buffers(batch);
    }

    /**
     * The buffers for one batch size. dx is allocated on the first backward pass that needs it: a first layer never
     * does, nor does inference, and at W1's batch of 20,000 rows it is 63 MB, which ND4J fills on allocation (200 ms
     * in W1's first step, measured).
     */
    private final class Buffers {
        final Activated output;
        final INDArray ones;
        private INDArray dx;

        Buffers(long batch) {
            output = new Activated(Nd4j.createUninitialized(w.dataType(), batch, units), b);
            ones = Nd4j.ones(w.dataType(), batch, 1);
        }

        INDArray dx() {
            if (dx == null) dx = Nd4j.createUninitialized(w.dataType(), ones.rows(), inputShape[0]);
            return dx;
        }
    }
}
