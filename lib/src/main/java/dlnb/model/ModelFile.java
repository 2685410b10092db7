package dlnb.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlnb.io.DamagedFileException;
import dlnb.io.Npz;
import dlnb.loss.Loss;
import dlnb.metrics.Metric;
import dlnb.nn.Param;
import dlnb.optim.Optimizer;
import dlnb.optim.Regularization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A whole model in one .npz file that numpy can open: an entry "model.json" with the architecture (the layers as
 * data, see {@link Sequential#layerConfigs()}), seed, data type and compile settings; one array per parameter and
 * state ("dense_1/W", "batch_normalization_1/moving_mean"); the optimizer's state ("optimizer/m"); and the history
 * so far ("history/epochs", "history/batches", float64 rows). Loading it gives back a model that predicts as the
 * saved one did and continues training exactly where it stopped.
 */
final class ModelFile {
    static final String FORMAT = "dlnb.model";
    static final int VERSION = 1;
    private static final String JSON = "model.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelFile() {
    }

    static Path save(Sequential model, Path file) throws IOException {
        model.requireBuilt();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("version", VERSION);
        json.put("seed", model.seed());
        json.put("dtype", model.dataType().name());
        json.put("input_shape", model.inputShape());
        json.put("layers", model.layerConfigs());
        Map<String, INDArray> arrays = weights(model);
        if (model.isCompiled()) {
            Optimizer optimizer = model.optimizer();
            // Sized now if no update has run yet, so the file always holds the state a loaded model expects.
            optimizer.prepare(model.flatParams(), model.flatGradients());
            Map<String, Object> compile = new LinkedHashMap<>();
            compile.put("optimizer", optimizer.config());
            compile.put("optimizer_steps", optimizer.steps());
            compile.put("loss", model.loss().config());
            compile.put("metrics", model.metrics().stream().map(Enum::name).toList());
            compile.put("regularization", Map.of("l1", model.regularization().l1(), "l2", model.regularization().l2()));
            json.put("compile", compile);
            optimizer.state().forEach((name, value) -> arrays.put("optimizer/" + name, value));
        }
        History h = model.history();
        if (h.stopReason() != null) json.put("stop_reason", h.stopReason());
        arrays.put("history/epochs", HistoryArrays.epochs(h));
        arrays.put("history/batches", HistoryArrays.batches(h));
        return Npz.write(file, arrays, Map.of(JSON, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json)));
    }

    /**
     * The model a file written by {@link #save} describes. Every failure is an IOException that names the file: a
     * {@link DamagedFileException} when its bytes are cut short or altered, otherwise what it lacks.
     */
    @SuppressWarnings("unchecked")
    static Sequential load(Path file) throws IOException {
        Npz.Contents contents = Npz.read(file);
        byte[] jsonBytes = contents.otherEntries().get(JSON);
        if (jsonBytes == null) {
            throw new IOException(file + " holds no model description (" + JSON + "): it may be a weights file;"
                    + " build the model in code and call loadWeights(path) instead");
        }
        Map<String, Object> json;
        try {
            json = MAPPER.readValue(jsonBytes, Map.class);
        } catch (JsonProcessingException e) {
            throw new DamagedFileException(file + ": entry " + JSON, "it is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (!FORMAT.equals(json.get("format"))) throw new IOException(file + " is not a dlnb model file");
        if (field(json, "version", Number.class, file).intValue() > VERSION) {
            throw new IOException(file + " was written by a newer dlnb (format version " + json.get("version") + ")");
        }
        try {
            return rebuild(json, contents.arrays(), file);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | NullPointerException
                 | IndexOutOfBoundsException e) {
            throw new IOException(file + ": cannot rebuild the model it describes (" + e.getMessage() + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Sequential rebuild(Map<String, Object> json, Map<String, INDArray> arrays, Path file) throws IOException {
        Sequential model = Sequential.fromConfig(field(json, "layers", List.class, file))
                .seed(field(json, "seed", Number.class, file).longValue())
                .dataType(DataType.valueOf(field(json, "dtype", String.class, file)));
        List<Number> shape = field(json, "input_shape", List.class, file);
        model.build(shape.stream().mapToLong(Number::longValue).toArray());
        assignWeights(model, arrays, file, true);
        Map<String, Object> compile = (Map<String, Object>) json.get("compile");
        if (compile != null) {
            Optimizer optimizer = Optimizer.fromConfig(field(compile, "optimizer", Map.class, file));
            List<String> metrics = field(compile, "metrics", List.class, file);
            model.compile(optimizer, Loss.fromConfig(field(compile, "loss", Map.class, file)),
                    metrics.stream().map(Metric::valueOf).toArray(Metric[]::new));
            Map<String, Number> reg = field(compile, "regularization", Map.class, file);
            model.regularization(new Regularization(reg.get("l1").doubleValue(), reg.get("l2").doubleValue()));
            optimizer.prepare(model.flatParams(), model.flatGradients());
            Map<String, INDArray> state = new LinkedHashMap<>();
            arrays.forEach((k, v) -> {
                if (k.startsWith("optimizer/")) state.put(k.substring("optimizer/".length()), v);
            });
            long steps = field(compile, "optimizer_steps", Number.class, file).longValue();
            // Files saved before the first update (by earlier versions) hold no optimizer state: nothing to restore.
            if (!state.isEmpty() || steps > 0) optimizer.restoreState(state, steps);
        }
        INDArray epochs = arrays.get("history/epochs"), batches = arrays.get("history/batches");
        for (INDArray table : new INDArray[]{epochs, batches}) {
            if (table != null && table.rank() != 2) throw new DamagedFileException(file.toString(), "a history table has rank " + table.rank());
        }
        HistoryArrays.restore(model.history(), epochs, batches);
        if (json.get("stop_reason") != null) model.history().stopped(String.valueOf(json.get("stop_reason")));
        return model;
    }

    /** A value of model.json, or an IOException naming the file and the key when it is missing or of another type. */
    private static <T> T field(Map<String, ?> json, String key, Class<T> type, Path file) throws IOException {
        Object value = json.get(key);
        if (!type.isInstance(value)) {
            throw new IOException(file + ": " + JSON + " has " + (value == null ? "no \"" + key + "\"" : "\"" + key + "\" = " + value)
                    + " where a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + " belongs; it was not written by"
                    + " Sequential.save or was edited");
        }
        return type.cast(value);
    }

    static Path saveWeights(Sequential model, Path file) throws IOException {
        return Npz.write(file, weights(model), Map.of());
    }

    static void loadWeights(Sequential model, Path file) throws IOException {
        assignWeights(model, Npz.read(file).arrays(), file, false);
    }

    /** Every parameter and state array by its key, in layer order. */
    private static Map<String, INDArray> weights(Sequential model) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (Param p : allParams(model)) arrays.put(p.key(), p.value());
        return arrays;
    }

    private static List<Param> allParams(Sequential model) {
        List<Param> all = new ArrayList<>();
        model.layers().forEach(l -> all.addAll(l.params()));
        return all;
    }

    /**
     * Checks every name and shape, then assigns; the model is unchanged when anything does not fit. A whole-model
     * file also holds the optimizer's state and the history, which are not weights.
     */
    private static void assignWeights(Sequential model, Map<String, INDArray> arrays, Path file, boolean modelFile) throws IOException {
        List<Param> params = allParams(model);
        for (Param p : params) {
            INDArray a = arrays.get(p.key());
            if (a == null && modelFile) {
                throw new DamagedFileException(file.toString(), "its model description has " + p.key() + " "
                        + Arrays.toString(p.shape()) + " but no array holds it");
            }
            if (a == null) {
                throw new IOException(file + " has no weights for " + p.key() + " " + Arrays.toString(p.shape())
                        + "; was it saved from a model with other layers?");
            }
            if (!Arrays.equals(a.shape(), p.shape())) {
                throw new IOException(p.layer() + ": parameter " + p.name() + " has shape " + Arrays.toString(p.shape())
                        + " in the model but " + Arrays.toString(a.shape()) + " in " + file);
            }
        }
        TreeSet<String> extra = new TreeSet<>(arrays.keySet());
        params.forEach(p -> extra.remove(p.key()));
        if (modelFile) extra.removeIf(k -> k.startsWith("optimizer/") || k.startsWith("history/"));
        if (!extra.isEmpty()) throw new IOException(file + " has weights the model does not: " + extra);
        for (Param p : params) p.value().assign(arrays.get(p.key()).castTo(p.value().dataType()));
    }

    /** Empty history arrays still need a row width for numpy: [0, width]. */
    static INDArray rows(double[][] rows, int width) {
        return rows.length == 0 ? Nd4j.create(DataType.DOUBLE, 0, width) : Nd4j.create(rows);
    }
}
