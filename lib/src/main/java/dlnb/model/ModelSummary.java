package dlnb.model;

import dlnb.nn.Layer;
import dlnb.nn.Param;

import java.util.List;

/**
 * {@link Sequential#summary()}'s table, laid out as Keras prints model.summary(). Shapes are shown in Keras' order
 * (batch, height, width, channels) so they read as in the articles, and the last line says how dlnb lays images out
 * in memory (channels first, NCHW).
 */
final class ModelSummary {
    private static final String RULE = "_".repeat(71);
    private static final String DOUBLE_RULE = "=".repeat(71);

    private ModelSummary() {
    }

    static String of(Sequential model) {
        StringBuilder s = new StringBuilder();
        s.append(RULE).append('\n');
        s.append(row("Layer (type)", "Output Shape", "Param #")).append('\n');
        s.append(DOUBLE_RULE).append('\n');
        List<Layer> layers = model.layers();
        long trainable = 0, fixed = 0;
        boolean images = model.inputShape().length == 3;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            long count = l.params().stream().mapToLong(Param::size).sum();
            trainable += l.params().stream().filter(Param::trainable).mapToLong(Param::size).sum();
            fixed += l.params().stream().filter(p -> !p.trainable()).mapToLong(Param::size).sum();
            long[] shape = model.shapeAfter(i);
            images |= shape.length == 3;
            s.append(row(l.name() + " (" + l.type() + ")", kerasShape(shape), String.format("%,d", count))).append('\n');
            if (i < layers.size() - 1) s.append('\n');
        }
        s.append(DOUBLE_RULE).append('\n');
        s.append(String.format("Total params: %,d%n", trainable + fixed));
        s.append(String.format("Trainable params: %,d%n", trainable));
        s.append(String.format("Non-trainable params: %,d%n", fixed));
        s.append(RULE);
        if (images) {
            s.append("\nImage shapes above are in Keras' order (batch, height, width, channels); dlnb stores them channels"
                    + "\nfirst (NCHW), e.g. ").append(memoryExample(model)).append('.');
        }
        return s.toString();
    }

    private static String memoryExample(Sequential model) {
        for (int i = 0; i < model.layers().size(); i++) {
            long[] shape = model.shapeAfter(i);
            if (shape.length == 3) {
                return model.layer(i).name() + "'s output " + kerasShape(shape) + " is an array [batch, " + shape[0] + ", "
                        + shape[1] + ", " + shape[2] + "]";
            }
        }
        long[] in = model.inputShape();
        return "the input is an array [batch, " + in[0] + ", " + in[1] + ", " + in[2] + "]";
    }

    private static String row(String layer, String shape, String params) {
        return String.format(" %-32s %-24s %-10s", layer, shape, params).stripTrailing();
    }

    /** (None, h, w, c) for a [c, h, w] image shape, (None, n) for flat ones. */
    private static String kerasShape(long[] shape) {
        StringBuilder b = new StringBuilder("(None");
        if (shape.length == 3) {
            b.append(", ").append(shape[1]).append(", ").append(shape[2]).append(", ").append(shape[0]);
        } else {
            for (long d : shape) b.append(", ").append(d);
        }
        return b.append(')').toString();
    }
}
