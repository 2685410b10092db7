package dlnb.nn;

import java.util.List;

/** Formats {@link Sequential#summary()} the way Keras prints model.summary(). */
final class Summary {
    private static final String RULE = "_".repeat(71);
    private static final String DOUBLE_RULE = "=".repeat(71);

    private Summary() {
    }

    static String of(Sequential model) {
        StringBuilder s = new StringBuilder();
        s.append(RULE).append('\n');
        s.append(row("Layer (type)", "Output Shape", "Param #")).append('\n');
        s.append(DOUBLE_RULE).append('\n');
        List<Layer> layers = model.layers();
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            long count = l.params().stream().mapToLong(Param::size).sum();
            total += count;
            s.append(row(l.name() + " (" + l.type() + ")", shape(model.shapeAfter(i)), String.format("%,d", count))).append('\n');
            if (i < layers.size() - 1) s.append('\n');
        }
        s.append(DOUBLE_RULE).append('\n');
        s.append(String.format("Total params: %,d%n", total));
        s.append(String.format("Trainable params: %,d%n", total));
        s.append("Non-trainable params: 0\n");
        s.append(RULE);
        return s.toString();
    }

    private static String row(String layer, String shape, String params) {
        return String.format(" %-32s %-24s %-10s", layer, shape, params).stripTrailing();
    }

    private static String shape(long[] shape) {
        StringBuilder b = new StringBuilder("(None");
        for (long d : shape) b.append(", ").append(d);
        return b.append(')').toString();
    }
}
