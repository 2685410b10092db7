package dlnb.check;

import dlnb.model.Sequential;
import dlnb.nn.Layer;
import dlnb.nn.Param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks of a student's count of a model's trainable parameters, the model given as its input shape and its layers
 * written as data (the maps {@link Sequential#fromConfig} reads, every setting given). The reference is the
 * library's {@link Sequential#paramCount()} of the same layers (the only place these checks touch the library); a
 * wrong count is explained with the library's count layer by layer and, where it matches one, the slip that gives it.
 * <pre>{@code
 * ParameterCountChecks.parameterCount((input, layers) -> parameterCount(input, layers));
 * }</pre>
 */
public final class ParameterCountChecks {
    private ParameterCountChecks() {
    }

    @FunctionalInterface
    public interface Count {
        long count(long[] inputShape, List<Map<String, Object>> layers);
    }

    /** grade_id "parameter_count": the Keras article's CNN 1 point, four other models 1 point. */
    public static void parameterCount(Count student) {
        new Exercise("parameter_count")
                .add(countCheck("parameter count: the Keras article's CNN", List.of(kerasCnn()), student))
                .add(countCheck("parameter count: other models", others(), student))
                .run();
    }

    /** A model as the student gets it. */
    record Model(String what, long[] input, List<Map<String, Object>> layers) {
        String label() {
            return what + " on input " + Numbers.shape(input);
        }
    }

    static Map<String, Object> conv(int filters, int kernel, int stride, String padding) {
        return layer("Conv2D", "filters", filters, "kernel", kernel, "stride", stride, "padding", padding, "activation", "relu");
    }

    static Map<String, Object> pool(int pool, int stride, String padding) {
        return layer("MaxPool2D", "pool", pool, "stride", stride, "padding", padding);
    }

    static Map<String, Object> flatten() {
        return layer("Flatten");
    }

    static Map<String, Object> dense(int units, String activation) {
        return layer("Dense", "units", units, "activation", activation);
    }

    private static Map<String, Object> layer(String type, Object... settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < settings.length; i += 2) m.put((String) settings[i], settings[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    static Model kerasCnn() {
        return new Model("the Keras article's CNN", new long[]{1, 28, 28}, List.of(
                conv(32, 3, 1, "valid"), pool(2, 2, "valid"), conv(64, 3, 1, "valid"), pool(2, 2, "valid"),
                conv(64, 3, 1, "valid"), flatten(), dense(70, "relu"), dense(10, "softmax")));
    }

    static List<Model> others() {
        return List.of(
                new Model("PuzzleLib's LeNet-like CNN", new long[]{1, 28, 28}, List.of(
                        conv(16, 3, 1, "valid"), pool(2, 2, "valid"), conv(32, 4, 1, "valid"), pool(2, 2, "valid"),
                        flatten(), dense(1024, "relu"), dense(10, "linear"))),
                new Model("the 784-70-30-10 MLP of notebooks 04 and 05", new long[]{784}, List.of(
                        dense(70, "sigmoid"), dense(30, "sigmoid"), dense(10, "sigmoid"))),
                new Model("a CNN with same padding and strides on colour images", new long[]{3, 32, 32}, List.of(
                        conv(8, 5, 2, "same"), pool(3, 2, "same"), conv(12, 3, 1, "same"), pool(2, 2, "valid"), flatten(),
                        dense(5, "softmax"))),
                new Model("a single Dense layer", new long[]{13}, List.of(dense(1, "sigmoid"))));
    }

    static Sequential reference(Model m) {
        return Sequential.fromConfig(m.layers()).input(m.input().clone()).build();
    }

    private static Check countCheck(String name, List<Model> models, Count student) {
        Check check = new Check(name, 1);
        for (Model m : models) {
            Sequential model = reference(m);
            long expected = model.paramCount();
            String perLayer = perLayer(model);
            List<Mistake> mistakes = mistakes(m);
            String label = models.size() == 1 ? "input " + Numbers.shape(m.input()) : m.label();   // one model: the check names it
            check.input(new Case<>(label, () -> student.count(m.input().clone(), m.layers()), result -> {
                if (result == expected) return null;
                // Counts are whole numbers: a slip explains a result only when it gives exactly that count.
                String slip = mistakes.stream().filter(k -> ((Number) k.wrongAnswer()).longValue() == result)
                        .map(Mistake::explanation).findFirst().orElse("count each layer's weights and biases");
                return "your parameter count returned " + thousands(result) + " (expected " + thousands(expected) + "): " + slip
                        + " (layer by layer: " + perLayer + ")";
            }));
        }
        return check;
    }

    /** "conv2d_1 320, conv2d_2 18,496, …": the library's count of each layer that has parameters. */
    private static String perLayer(Sequential model) {
        List<String> parts = new ArrayList<>();
        for (Layer l : model.layers()) {
            long n = l.params().stream().mapToLong(Param::size).sum();
            if (n > 0) parts.add(l.name() + " " + thousands(n));
        }
        return String.join(", ", parts);
    }

    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Counts students get by a slip, each computed here by walking the layers the way the slip does. */
    private static List<Mistake> mistakes(Model m) {
        List<Mistake> list = new ArrayList<>();
        for (Slip s : Slip.values()) {
            long wrong = s.count(m);
            if (wrong >= 0) list.add(Mistake.of(s.explanation, wrong));
        }
        return list;
    }

    enum Slip {
        NO_BIASES("the biases are missing: each filter and each dense unit has one bias besides its weights"),
        NO_DENSE_BIASES("the dense layers' biases are missing: (inputs + 1) × units, one bias per unit"),
        NO_CONV_BIASES("the convolutions' biases are missing: (channels in × kernel × kernel + 1) × filters, one bias per filter"),
        NO_INPUT_CHANNELS("a convolution's filter has kernel × kernel weights for every input channel: "
                + "(channels in × kernel × kernel + 1) × filters"),
        POOLING_IGNORED("the pooling layers did not shrink the maps: a pool window moved by its stride makes them smaller, "
                + "so the Dense layer after Flatten has fewer inputs"),
        NO_SHRINKING("the convolutions did not shrink the maps: with valid padding a k × k kernel leaves in − k + 1 "
                + "positions (divided by the stride)");

        final String explanation;

        Slip(String explanation) {
            this.explanation = explanation;
        }

        /** The count with this slip, or -1 when the model gives the slip no chance to show. */
        long count(Model m) {
            long[] shape = m.input().clone();
            long total = 0;
            boolean mattered = false;
            for (Map<String, Object> layer : m.layers()) {
                String type = (String) layer.get("type");
                switch (type) {
                    case "Conv2D" -> {
                        int filters = (int) layer.get("filters"), k = (int) layer.get("kernel"), stride = (int) layer.get("stride");
                        long in = this == NO_INPUT_CHANNELS ? 1 : shape[0];
                        boolean bias = this != NO_BIASES && this != NO_CONV_BIASES;
                        mattered |= this == NO_INPUT_CHANNELS && shape[0] != 1 || !bias;
                        total += in * k * k * filters + (bias ? filters : 0);
                        boolean same = layer.get("padding").equals("same");
                        mattered |= this == NO_SHRINKING && !same;
                        shape = new long[]{filters, side(shape[1], k, stride, same || this == NO_SHRINKING),
                                side(shape[2], k, stride, same || this == NO_SHRINKING)};
                    }
                    case "MaxPool2D" -> {
                        int pool = (int) layer.get("pool"), stride = (int) layer.get("stride");
                        boolean same = layer.get("padding").equals("same");
                        if (this != POOLING_IGNORED) shape = new long[]{shape[0], side(shape[1], pool, stride, same), side(shape[2], pool, stride, same)};
                        else mattered = true;
                    }
                    case "Flatten" -> shape = new long[]{shape[0] * (shape.length == 3 ? shape[1] * shape[2] : 1)};
                    case "Dense" -> {
                        int units = (int) layer.get("units");
                        boolean bias = this != NO_BIASES && this != NO_DENSE_BIASES;
                        total += shape[0] * units + (bias ? units : 0);
                        mattered |= !bias;
                        shape = new long[]{units};
                    }
                    default -> throw new IllegalStateException("no slip model for layer type " + type);
                }
            }
            return mattered ? total : -1;
        }

        private static long side(long in, int window, int stride, boolean same) {
            return same ? (in + stride - 1) / stride : (in - window) / stride + 1;
        }
    }
}
