package dlnb.model;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    @SuppressWarnings("unchecked")
    static Sequential load(Path file) throws IOException {
        Npz.Contents contents = Npz.read(file);
        byte[] jsonBytes = contents.otherEntries().get(JSON);
        if (jsonBytes == null) {
            throw new IOException(file + " holds no model description (" + JSON + "): it may be a weights file;"
                    + " build the model in code and call loadWeights(path) instead");
        }
        Map<String, Object> json = MAPPER.readValue(jsonBytes, Map.class);
        if (!FORMAT.equals(json.get("format"))) throw new IOException(file + " is not a dlnb model file");
        if (((Number) json.get("version")).intValue() > VERSION) {
            throw new IOException(file + " was written by a newer dlnb (format version " + json.get("version") + ")");
        }
        Sequential model = Sequential.fromConfig((List<Map<String, Object>>) json.get("layers"))
                .seed(((Number) json.get("seed")).longValue())
                .dataType(DataType.valueOf((String) json.get("dtype")));
        List<Number> shape = (List<Number>) json.get("input_shape");
        model.build(shape.stream().mapToLong(Number::longValue).toArray());
        assignWeights(model, contents.arrays(), file, true);
        Map<String, Object> compile = (Map<String, Object>) json.get("compile");
        if (compile != null) {
            Optimizer optimizer = Optimizer.fromConfig((Map<String, Object>) compile.get("optimizer"));
            List<String> metrics = (List<String>) compile.get("metrics");
            model.compile(optimizer, Loss.fromConfig((Map<String, Object>) compile.get("loss")),
                    metrics.stream().map(Metric::valueOf).toArray(Metric[]::new));
            Map<String, Number> reg = (Map<String, Number>) compile.get("regularization");
            model.regularization(new Regularization(reg.get("l1").doubleValue(), reg.get("l2").doubleValue()));
            optimizer.prepare(model.flatParams(), model.flatGradients());
            Map<String, INDArray> state = new LinkedHashMap<>();
            contents.arrays().forEach((k, v) -> {
                if (k.startsWith("optimizer/")) state.put(k.substring("optimizer/".length()), v);
            });
            optimizer.restoreState(state, ((Number) compile.get("optimizer_steps")).longValue());
        }
        HistoryArrays.restore(model.history(), contents.arrays().get("history/epochs"), contents.arrays().get("history/batches"));
        if (json.get("stop_reason") != null) model.history().stopped((String) json.get("stop_reason"));
        return model;
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
            if (a == null) throw new IOException(file + " has no weights for " + p.key() + " " + Arrays.toString(p.shape()));
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
