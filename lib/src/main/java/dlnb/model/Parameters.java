package dlnb.model;

import dlnb.nn.Layer;
import dlnb.nn.Param;
import dlnb.nn.ParamSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Every array of a built model in three flat buffers: trainable values, their gradients (parallel to the values),
 * and non-trainable state. Each layer's {@link Param}s are views into them, so an optimizer updates the whole model
 * with a few calls on two buffers, and a snapshot or a save copies three arrays.
 */
final class Parameters {
    final INDArray values, grads, state;
    final List<Param> trainable, nonTrainable, all;

    /** Allocates the buffers for these layers' specs, initialises every array and hands each layer its params. */
    Parameters(List<Layer> layers, List<List<ParamSpec>> specs, long[][] shapes, DataType type) {
        long trainableSize = 0, stateSize = 0;
        for (List<ParamSpec> s : specs) {
            for (ParamSpec p : s) {
                if (p.trainable()) trainableSize += p.size();
                else stateSize += p.size();
            }
        }
        values = Nd4j.create(type, Math.max(trainableSize, 1));
        grads = Nd4j.create(type, Math.max(trainableSize, 1));
        state = Nd4j.create(type, Math.max(stateSize, 1));
        List<Param> t = new ArrayList<>(), n = new ArrayList<>(), a = new ArrayList<>();
        long valueOffset = 0, stateOffset = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<Param> own = new ArrayList<>();
            for (ParamSpec spec : specs.get(i)) {
                Param p;
                if (spec.trainable()) {
                    p = new Param(layer.name(), spec.name(), view(values, valueOffset, spec.shape()),
                            view(grads, valueOffset, spec.shape()), spec.regularized());
                    valueOffset += spec.size();
                    t.add(p);
                } else {
                    p = Param.state(layer.name(), spec.name(), view(state, stateOffset, spec.shape()));
                    stateOffset += spec.size();
                    n.add(p);
                }
                spec.initializer().fill(p.value(), spec.fanIn(), spec.fanOut());
                own.add(p);
            }
            layer.build(shapes[i], own);
            a.addAll(own);
        }
        trainable = List.copyOf(t);
        nonTrainable = List.copyOf(n);
        all = List.copyOf(a);
    }

    long trainableCount() {
        return trainable.stream().mapToLong(Param::size).sum();
    }

    long nonTrainableCount() {
        return nonTrainable.stream().mapToLong(Param::size).sum();
    }

    private static INDArray view(INDArray flat, long offset, long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return flat.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', shape);
    }
}
