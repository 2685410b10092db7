package dlnb.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A layer written as data: its type (the layer's class name, e.g. "Conv2D"; any case) and its settings, e.g.
 * {@code {"type": "Conv2D", "filters": 32, "kernel": 3, "activation": "relu"}}. A network can then be a list of
 * such maps, as the Keras article builds its CNN from lists of numbers and names, and a saved model records its
 * layers in this form. Each layer reads its own settings in a constructor taking a LayerConfig, so adding a layer
 * type needs no change here: see {@link LayerTypes}.
 */
public final class LayerConfig {
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();

    private LayerConfig(Map<String, ?> values) {
        Object type = values.get("type");
        if (!(type instanceof String t) || t.isBlank()) {
            throw new IllegalArgumentException("layer settings " + values + " need a \"type\", e.g. \"Dense\" or \"Conv2D\"");
        }
        this.values = new LinkedHashMap<>(values);
    }

    /** From a map such as {@code Map.of("type", "Dense", "units", 70, "activation", "relu")}. */
    public static LayerConfig from(Map<String, ?> values) {
        return new LayerConfig(values);
    }

    /** From a type and key-value pairs: {@code LayerConfig.of("Dense", "units", 70, "activation", "relu")}. */
    public static LayerConfig of(String type, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("give settings as key, value pairs");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < keysAndValues.length; i += 2) m.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        return new LayerConfig(m);
    }

    public String type() {
        return (String) values.get("type");
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public int intValue(String key) {
        Number n = number(key);
        if (n.doubleValue() != Math.rint(n.doubleValue())) throw invalid(key, "a whole number");
        return n.intValue();
    }

    public int intValue(String key, int otherwise) {
        return has(key) ? intValue(key) : mark(key, otherwise);
    }

    public double doubleValue(String key) {
        return number(key).doubleValue();
    }

    public double doubleValue(String key, double otherwise) {
        return has(key) ? doubleValue(key) : mark(key, otherwise);
    }

    public boolean booleanValue(String key, boolean otherwise) {
        if (!has(key)) return mark(key, otherwise);
        read.add(key);
        if (values.get(key) instanceof Boolean b) return b;
        throw invalid(key, "true or false");
    }

    public String string(String key, String otherwise) {
        read.add(key);
        Object v = values.get(key);
        return v == null ? otherwise : String.valueOf(v);
    }

    /** The "activation" setting by name (relu, sigmoid, softmax, ...); linear when absent. */
    public Activation activation() {
        String name = string("activation", null);
        return name == null ? Activation.IDENTITY : Activation.byName(name);
    }

    /** The "initializer" setting by name, or the layer's default. */
    public Initializer initializer(Initializer otherwise) {
        String name = string("initializer", null);
        return name == null ? otherwise : Initializer.byName(name);
    }

    public Padding padding() {
        return Padding.valueOf(string("padding", "valid").toUpperCase(java.util.Locale.ROOT));
    }

    /** The settings as an ordered, unmodifiable map (the form saved in model files). */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The layer these settings describe. */
    public Layer toLayer() {
        return LayerTypes.create(this);
    }

    /** Settings the layer did not read: a misspelt key would otherwise be ignored without a word. */
    List<String> unread() {
        return values.keySet().stream().filter(k -> !k.equals("type") && !k.equals("name") && !read.contains(k)).toList();
    }

    private Number number(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) throw new IllegalArgumentException(type() + " needs a setting \"" + key + "\" in " + values);
        if (!(v instanceof Number n)) throw invalid(key, "a number");
        return n;
    }

    private <T> T mark(String key, T value) {
        read.add(key);
        return value;
    }

    private IllegalArgumentException invalid(String key, String what) {
        return new IllegalArgumentException(type() + ": setting \"" + key + "\" must be " + what + ", got " + values.get(key));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
