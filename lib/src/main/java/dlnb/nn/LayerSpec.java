package dlnb.nn;

import java.util.Locale;
import java.util.Map;

/**
 * A layer described as data, so a whole network can be written as a list (as the Keras article builds its CNN from
 * lists of filters, kernel sizes and activation names) and {@link Sequential#of} turns the list into layers.
 * Activations are given by name ("relu", "softmax", ...). {@code size} is filters or units, {@code window} the
 * kernel or pool size, {@code rate} the dropout rate.
 */
public record LayerSpec(String kind, int size, int window, String activation, double rate) {

    public LayerSpec {
        if (kind == null) throw new IllegalArgumentException("a layer spec needs a kind");
        kind = kind.toLowerCase(Locale.ROOT);
    }

    public static LayerSpec conv(int filters, int kernel, String activation) {
        return new LayerSpec("conv2d", filters, kernel, activation, 0);
    }

    public static LayerSpec maxPool(int pool) {
        return new LayerSpec("maxpool2d", 0, pool, null, 0);
    }

    public static LayerSpec flatten() {
        return new LayerSpec("flatten", 0, 0, null, 0);
    }

    public static LayerSpec dense(int units, String activation) {
        return new LayerSpec("dense", units, 0, activation, 0);
    }

    public static LayerSpec dropout(double rate) {
        return new LayerSpec("dropout", 0, 0, null, rate);
    }

    public static LayerSpec activation(String name) {
        return new LayerSpec("activation", 0, 0, name, 0);
    }

    /**
     * Reads a spec from a map such as {@code {"type": "conv2d", "filters": 32, "kernel": 3, "activation": "relu"}};
     * keys: type, filters or units, kernel or pool, activation, rate (dropout).
     */
    public static LayerSpec fromMap(Map<String, ?> m) {
        Object type = m.get("type");
        if (type == null) throw new IllegalArgumentException("layer spec " + m + " has no \"type\"");
        String act = m.containsKey("activation") ? String.valueOf(m.get("activation")) : null;
        return switch (type.toString().toLowerCase(Locale.ROOT)) {
            case "conv2d" -> conv(number(m, "filters").intValue(), number(m, "kernel").intValue(), act);
            case "maxpool2d" -> maxPool(number(m, "pool").intValue());
            case "flatten" -> flatten();
            case "dense" -> dense(number(m, "units").intValue(), act);
            case "dropout" -> dropout(number(m, "rate").doubleValue());
            case "activation" -> activation(act);
            default -> throw new IllegalArgumentException("unknown layer type '" + type + "' in " + m);
        };
    }

    private static Number number(Map<String, ?> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("layer spec " + m + " needs a number for \"" + key + "\"");
        }
        return n;
    }

    /** The layer this spec describes. */
    public Layer toLayer() {
        Activation act = activation == null ? Activation.IDENTITY : Activation.byName(activation);
        return switch (kind) {
            case "conv2d" -> new Conv2D(size, window, act);
            case "maxpool2d" -> new MaxPool2D(window);
            case "flatten" -> new Flatten();
            case "dense" -> new Dense(size, act);
            case "dropout" -> new Dropout(rate);
            case "activation" -> new ActivationLayer(act);
            default -> throw new IllegalArgumentException("unknown layer kind '" + kind + "'");
        };
    }
}
