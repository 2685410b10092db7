package dlnb.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Learning rate, and state arrays sized to the parameters and kept between steps. */
abstract class BaseOptimizer implements Optimizer {
    private double learningRate;
    private INDArray boundParams, boundGrads;
    private final Map<String, INDArray> state = new LinkedHashMap<>();
    protected long steps;

    BaseOptimizer(double learningRate) {
        this.learningRate = Optimizer.checkRate(learningRate);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Optimizer.checkRate(learningRate);
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public final void update(INDArray params, INDArray grads) {
        prepare(params, grads);
        steps++;
        step(params, grads);
    }

    @Override
    public final void prepare(INDArray params, INDArray grads) {
        if (params.length() != grads.length()) {
            throw new IllegalArgumentException(name() + ": " + params.length() + " parameters but " + grads.length() + " gradients");
        }
        if (params != boundParams) {
            state.clear();
            steps = 0;
            allocate(params);
            boundParams = params;
            boundGrads = null;
        }
        if (grads != boundGrads) {
            bind(params, grads);
            boundGrads = grads;
        }
    }

    /** The state array of that name, made by {@link #stateLike}. */
    protected INDArray state(String name) {
        return state.get(name);
    }

    @Override
    public Map<String, INDArray> state() {
        return Collections.unmodifiableMap(state);
    }

    @Override
    public void restoreState(Map<String, INDArray> saved, long steps) {
        if (boundParams == null) throw new IllegalStateException(name() + ": call prepare(params, grads) before restoring state");
        if (!saved.keySet().equals(state.keySet())) {
            throw new IllegalArgumentException(name() + " keeps " + state.keySet() + " but the saved state has " + saved.keySet());
        }
        for (var e : saved.entrySet()) {
            INDArray mine = state.get(e.getKey());
            if (mine.length() != e.getValue().length()) {
                throw new IllegalArgumentException(name() + ": saved " + e.getKey() + " has " + e.getValue().length()
                        + " values, the model has " + mine.length() + " parameters");
            }
            mine.assign(e.getValue().reshape(mine.shape()).castTo(mine.dataType()));
        }
        if (steps < 0) throw new IllegalArgumentException("steps must not be negative, got " + steps);
        this.steps = steps;
    }

    /** A zero-filled array shaped like the parameters, kept from step to step and saved with the model. */
    protected INDArray stateLike(String name, INDArray params) {
        INDArray s = Nd4j.zeros(params.dataType(), params.shape());
        state.put(name, s);
        return s;
    }

    /** The config map: type, learning rate, then the given key-value pairs. */
    protected Map<String, Object> configWith(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", getClass().getSimpleName());
        m.put("learning_rate", learningRate);
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** Allocates the state for these parameters with {@link #stateLike} (called again if the parameters change). */
    abstract void allocate(INDArray params);

    /** Binds the step to these buffers and the state (called again if either buffer changes). */
    abstract void bind(INDArray params, INDArray grads);

    abstract void step(INDArray params, INDArray grads);

    @Override
    public String toString() {
        Map<String, Object> c = config();
        c.remove("type");
        return name() + Arrays.toString(c.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray())
                .replace('[', '(').replace(']', ')');
    }
}
