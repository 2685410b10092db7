package dlnb.reliability;

import dlnb.backend.NativeVariant;
import dlnb.data.Dataset;
import dlnb.data.IdxFile;
import dlnb.loss.Loss;
import dlnb.loss.Reduction;
import dlnb.metrics.Metric;
import dlnb.model.EpochLogs;
import dlnb.model.FitOptions;
import dlnb.model.History;
import dlnb.model.Sequential;
import dlnb.nn.Activation;
import dlnb.nn.BatchNormalization;
import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Dropout;
import dlnb.nn.Flatten;
import dlnb.nn.Layer;
import dlnb.nn.MaxPool2D;
import dlnb.optim.Adam;
import dlnb.optim.Optimizer;
import dlnb.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Random bad input for every entry point a student calls, run in a JVM of its own by {@link BadInputFuzzTest}:
 * random shapes, element types, layouts and non-finite values for fit, evaluate, predict and predictClasses; cut,
 * altered and padded files for Sequential.load and loadWeights; random headers and bodies for the IDX reader. Each
 * call must either work or throw one of the library's documented exceptions:
 * <ul>
 *   <li>IllegalArgumentException or IllegalStateException thrown by dlnb's own code (so the message is ours),</li>
 *   <li>an IOException (DamagedFileException, IdxFormatException, ...) or UncheckedIOException whose message names
 *   the file.</li>
 * </ul>
 * Anything else (a NullPointerException, an ND4J exception, an OutOfMemoryError, a fit that returns a NaN loss without
 * saying it stopped) is printed with the trial that caused it, and the exit code is 1. A native crash kills this JVM,
 * which the test sees. Arguments: seed, seconds.
 */
public final class BadInputFuzz {
    /** Usable types more often than not, so that the paths past the checks are explored too. */
    private static final DataType[] TYPES = {DataType.FLOAT, DataType.FLOAT, DataType.FLOAT, DataType.FLOAT, DataType.DOUBLE,
            DataType.DOUBLE, DataType.HALF, DataType.BFLOAT16,
            DataType.INT, DataType.LONG, DataType.SHORT, DataType.UBYTE, DataType.BYTE, DataType.BOOL};
    /** DLNB_FUZZ_TRACE=1 prints each trial before it runs (to tie native output to its trial). */
    private static final boolean TRACE = System.getenv("DLNB_FUZZ_TRACE") != null;
    private final Random random;
    private final Path dir;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private int undocumented;

    private BadInputFuzz(long seed, Path dir) {
        this.random = new Random(seed);
        this.dir = dir;
        Nd4j.getRandom().setSeed(seed);
    }

    public static void main(String[] args) throws IOException {
        NativeVariant.selectForThisMachine();
        long seed = Long.parseLong(args[0]);
        double seconds = Double.parseDouble(args[1]);
        BadInputFuzz fuzz = new BadInputFuzz(seed, Files.createTempDirectory("dlnb-fuzz"));
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int trials = 0;
        while (System.nanoTime() < end) {
            fuzz.trial(trials++);
        }
        try (var files = Files.walk(fuzz.dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.println("seed " + seed + ": " + trials + " trials, outcomes " + fuzz.outcomes);
        System.out.println(fuzz.undocumented == 0 ? "ALL DOCUMENTED" : fuzz.undocumented + " UNDOCUMENTED");
        System.exit(fuzz.undocumented == 0 ? 0 : 1);
    }

    /** A call under test, described for the report. */
    private interface Call {
        void run() throws Exception;
    }

    private void trial(int index) {
        int kind = random.nextInt(10);
        StringBuilder description = new StringBuilder();
        try {
            Call call = kind < 6 ? dataCall(description) : kind < 8 ? modelFileCall(description) : idxCall(description);
            if (TRACE) System.err.println("trial " + index + ": " + description);
            try {
                call.run();
                count(name(description) + " worked");
            } catch (Throwable t) {
                String file = description.toString().replaceAll(".*file=(\\S+).*", "$1");
                if (documented(t, description.toString().contains("file=") ? file : null)) {
                    count(name(description) + " refused (" + t.getClass().getSimpleName() + ")");
                    if (TRACE) System.err.println("  refused: " + t.getMessage());
                } else {
                    report(index, description, t);
                }
            }
        } catch (Throwable t) {
            report(index, description.insert(0, "(while preparing the call) "), t);
        }
    }

    private void report(int index, StringBuilder description, Throwable t) {
        undocumented++;
        System.out.println("UNDOCUMENTED in trial " + index + ": " + description);
        t.printStackTrace(System.out);
    }

    private static String name(StringBuilder description) {
        int space = description.indexOf(" ");
        return space < 0 ? description.toString() : description.substring(0, space);
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private static boolean documented(Throwable t, String file) {
        if (t instanceof AssertionError) return false;
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            StackTraceElement[] stack = t.getStackTrace();
            return stack.length > 0 && stack[0].getClassName().startsWith("dlnb.") && t.getMessage() != null && !t.getMessage().isBlank();
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return t.getMessage() != null && (file == null || t.getMessage().contains(file));
        }
        return false;
    }

    // ---- fit, evaluate, predict on random data ----

    private Call dataCall(StringBuilder d) {
        int classes = pick(2, 3, 10);
        // Two trials in five use input that passes every check, so the paths beyond them are explored as well.
        boolean clean = random.nextInt(5) < 2;
        Dataset data = randomDataset(classes, clean, d);
        Sequential model = randomModel(classes, data, clean, d);
        int which = random.nextInt(5);
        return switch (which) {
            case 0, 1 -> {
                int epochs = 1 + random.nextInt(2), batch = pick(1, 3, 16, 1000);
                FitOptions options = new FitOptions().epochs(epochs).batchSize(batch).verbose(0).shuffle(random.nextBoolean());
                if (random.nextInt(3) == 0) options.validationData(randomDataset(classes, clean, d.append(" validation:")));
                d.insert(0, "fit epochs=" + epochs + " batch=" + batch + " ");
                yield () -> {
                    History h = model.fit(data, options);
                    for (EpochLogs e : h.epochs()) {
                        if (!Double.isFinite(e.loss()) && h.stopReason() == null) {
                            throw new AssertionError("fit returned a non-finite loss without a stop reason: " + h);
                        }
                    }
                };
            }
            case 2 -> {
                d.insert(0, "evaluate ");
                yield () -> model.evaluate(data);
            }
            case 3 -> {
                d.insert(0, "predict ");
                yield () -> model.predict(data.features());
            }
            default -> {
                d.insert(0, "predictClasses ");
                yield () -> model.predictClasses(data);
            }
        };
    }

    private Dataset randomDataset(int classes, boolean clean, StringBuilder d) {
        int n = clean ? pick(1, 2, 5, 17, 64) : pick(0, 1, 2, 5, 17, 17, 64, 64);
        int rank = random.nextBoolean() ? 1 : 2 + random.nextInt(2);
        if (clean) rank = random.nextBoolean() ? 1 : 3;
        long[] shape = new long[rank + 1];
        shape[0] = n;
        for (int i = 1; i <= rank; i++) shape[i] = !clean && random.nextInt(20) == 0 ? 0 : pick(1, 2, 3, 5, 8, 28);
        if (clean && rank == 3) shape[2] = shape[3] = pick(4, 6, 9);
        DataType type = clean ? pickOf(DataType.FLOAT, DataType.FLOAT, DataType.DOUBLE) : TYPES[random.nextInt(TYPES.length)];
        double scale = pick(1, 1, 255, 1e30);
        String layout = List.of("c", "c", "f", "offset view", "column view").get(random.nextInt(5));
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        if (x.length() > 0) x.muli(scale);
        int bad = !clean && random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < bad && x.length() > 0; i++) {
            x.putScalar(random.nextInt((int) x.length()), random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY);
        }
        x = x.castTo(type);
        if (layout.equals("f")) x = x.dup('f');
        if (layout.equals("offset view") && n > 0) {
            long[] bigger = shape.clone();
            bigger[0] += 3;
            INDArray padded = Nd4j.zeros(type, bigger);
            if (n > 0) padded.get(NDArrayIndex.interval(3, n + 3)).assign(x);
            x = padded.get(NDArrayIndex.interval(3, n + 3));
        }
        if (layout.equals("column view") && rank == 1 && shape[1] > 1) x = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, shape[1] - 1));
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = random.nextInt(classes);
        d.append(" data=").append(Arrays.toString(x.shape())).append(' ').append(type).append(' ').append(layout)
                .append(" scale=").append(scale).append(" nonFinite=").append(bad).append(" classes=").append(classes);
        return new Dataset(x, labels, classes);
    }

    private Sequential randomModel(int classes, Dataset data, boolean clean, StringBuilder d) {
        int out = !clean && random.nextInt(6) == 0 ? classes + 1 : classes;
        int shapeKind = random.nextInt(8);
        if (clean) shapeKind = data.features().rank() == 2 ? pick(0, 1, 4, 5, 6) : pick(2, 3, 7);
        List<Layer> layers = new ArrayList<>(switch (shapeKind) {
            case 0 -> List.of(new Dense(out));
            case 1 -> List.of(new Dense(4, Activation.RELU), new Dense(out));
            case 2 -> List.of(new Flatten(), new Dense(out));
            case 3 -> List.of(new Conv2D(2, 3, Activation.RELU), new Flatten(), new Dense(out));
            case 4 -> List.of(new Dense(5, Activation.SIGMOID), new Dense(out, Activation.SOFTMAX));
            case 5 -> List.of(new BatchNormalization(), new Dense(out));
            case 6 -> List.of(new Dropout(0.5), new Dense(out));
            default -> List.of(new MaxPool2D(2), new Flatten(), new Dense(out));
        });
        Sequential model = new Sequential(layers.toArray(Layer[]::new)).seed(random.nextInt(100));
        if (random.nextBoolean()) model.dataType(DataType.DOUBLE);
        int declared = List.of(0, 0, 0, 1, 1, 2).get(random.nextInt(6));
        long[] exampleShape = Arrays.copyOfRange(data.features().shape(), 1, data.features().rank());
        if (declared == 1 && Arrays.stream(exampleShape).allMatch(s -> s > 0)) model.input(exampleShape);
        if (declared == 2 && !clean) model.input(784);
        Loss loss = switch (random.nextInt(4)) {
            case 0 -> Loss.categoricalCrossEntropy();
            case 1 -> Loss.binaryCrossEntropy(Reduction.SUM);
            case 2 -> Loss.meanSquaredError();
            default -> Loss.softmaxCrossEntropy();
        };
        Optimizer optimizer = random.nextBoolean() ? new Adam() : new Sgd(pick(0.01, 1, 1e30));
        model.compile(optimizer, loss, Metric.ACCURACY);
        d.append(" model=").append(shapeKind).append('/').append(out).append(' ').append(model.dataType())
                .append(" declared=").append(declared).append(' ').append(loss.name()).append(' ').append(optimizer);
        return model;
    }

    // ---- Sequential.load and loadWeights on altered files ----

    private Call modelFileCall(StringBuilder d) {
        try {
            Sequential model = new Sequential(new Dense(pick(1, 4, 30), Activation.RELU), new Dense(3)).seed(1).input(pick(2, 20))
                    .compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY).build();
            boolean weightsOnly = random.nextBoolean();
            Path file = dir.resolve("model-" + random.nextInt(1_000_000) + ".npz");
            if (weightsOnly) model.saveWeights(file);
            else model.save(file);
            byte[] bytes = Files.readAllBytes(file);
            String change = alter(bytes, file);
            d.append(weightsOnly ? "loadWeights" : "load").append(" file=").append(file).append(' ').append(change);
            return weightsOnly ? () -> model.loadWeights(file) : () -> Sequential.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an altered copy of {@code bytes} to {@code file}; says how it was altered. */
    private String alter(byte[] bytes, Path file) throws IOException {
        byte[] altered;
        String change;
        switch (random.nextInt(6)) {
            case 0 -> {
                int cut = random.nextInt(bytes.length);
                altered = Arrays.copyOf(bytes, cut);
                change = "cut at " + cut + " of " + bytes.length;
            }
            case 1 -> {
                altered = bytes.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) altered[random.nextInt(altered.length)] ^= (byte) (1 + random.nextInt(255));
                change = flips + " bytes changed";
            }
            case 2 -> {
                altered = bytes.clone();
                int at = random.nextInt(altered.length), len = Math.min(altered.length - at, 1 + random.nextInt(64));
                for (int i = 0; i < len; i++) altered[at + i] = (byte) random.nextInt(256);
                change = len + " random bytes at " + at;
            }
            case 3 -> {
                altered = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(100));
                change = "padded";
            }
            case 4 -> {
                int at = random.nextInt(bytes.length);
                altered = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, altered, 0, at);
                System.arraycopy(bytes, at + 1, altered, at, bytes.length - at - 1);
                change = "byte " + at + " removed";
            }
            default -> {
                altered = bytes;
                change = "unchanged";
            }
        }
        Files.write(file, altered);
        return change;
    }

    // ---- the IDX reader ----

    private Call idxCall(StringBuilder d) {
        try {
            boolean images = random.nextBoolean();
            int magic = random.nextInt(5) == 0 ? random.nextInt() : images ? IdxFile.IMAGES_MAGIC : IdxFile.LABELS_MAGIC;
            int dims = images ? 3 : 1;
            ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims).putInt(magic);
            long values = 1;
            for (int i = 0; i < dims; i++) {
                int size = random.nextInt(6) == 0 ? (random.nextBoolean() ? -random.nextInt(100) : Integer.MAX_VALUE - random.nextInt(3))
                        : 1 + random.nextInt(30);
                header.putInt(size);
                values *= size;
            }
            int body = (int) Math.max(0, Math.min(1 << 16, random.nextInt(4) == 0 ? values : random.nextInt(2000)));
            byte[] raw = new byte[header.capacity() + body];
            System.arraycopy(header.array(), 0, raw, 0, header.capacity());
            for (int i = header.capacity(); i < raw.length; i++) raw[i] = (byte) random.nextInt(256);
            if (random.nextInt(4) == 0) raw = Arrays.copyOf(raw, random.nextInt(raw.length + 1));
            boolean gzip = random.nextInt(3) == 0;
            if (gzip) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(raw);
                }
                raw = out.toByteArray();
                if (random.nextBoolean()) raw = Arrays.copyOf(raw, random.nextInt(raw.length));
            }
            Path file = Files.write(dir.resolve("idx-" + random.nextInt(1_000_000) + (gzip ? ".gz" : "")), raw);
            d.append("idx file=").append(file).append(images ? " images" : " labels").append(String.format(" magic=0x%08X", magic))
                    .append(" bytes=").append(raw.length);
            return images ? () -> IdxFile.readImages(file) : () -> IdxFile.readLabels(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int pick(int... choices) {
        return choices[random.nextInt(choices.length)];
    }

    @SafeVarargs
    private <T> T pickOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private double pick(double... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
