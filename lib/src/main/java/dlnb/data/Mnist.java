package dlnb.data;

import dlnb.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MNIST: 60,000 training and 10,000 test images of handwritten digits, 28x28 pixels.
 * Images come as float32 rows of 784 pixels scaled to [0, 1]; labels as ints 0-9.
 * <p>
 * The files are looked for in {@code data/mnist/} of the repository (raw or {@code .gz}); see
 * {@link #defaultDirectory()}. Each file's structure and SHA-256 are checked as it is read.
 */
public record Mnist(Dataset train, Dataset test) {

    public static final int IMAGE_SIZE = 28;
    public static final int PIXELS = IMAGE_SIZE * IMAGE_SIZE;
    public static final int CLASSES = 10;

    /** Loads the full training and test sets from {@link #defaultDirectory()}. */
    public static Mnist load() {
        return load(Integer.MAX_VALUE);
    }

    /**
     * Loads MNIST keeping only the first {@code trainLimit} training images (quick mode); the test set is
     * always complete, so accuracies stay comparable.
     */
    public static Mnist load(int trainLimit) {
        return load(defaultDirectory(), trainLimit);
    }

    public static Mnist load(Path directory, int trainLimit) {
        if (trainLimit <= 0) throw new IllegalArgumentException("trainLimit must be positive, got " + trainLimit);
        Backend.init();
        try {
            Dataset train = read(directory, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS);
            Dataset test = read(directory, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
            return new Mnist(train.first(trainLimit), test);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Where MNIST lives: the system property {@code dlnb.data.dir} or the environment variable
     * {@code DLNB_DATA_DIR} when set, otherwise {@code data/mnist} in the working directory or the nearest
     * parent directory that has one (notebooks run in {@code notebooks/}, tests in {@code lib/}).
     */
    public static Path defaultDirectory() {
        String configured = System.getProperty("dlnb.data.dir", System.getenv("DLNB_DATA_DIR"));
        if (configured != null && !configured.isBlank()) return Paths.get(configured);
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data").resolve("mnist");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new UncheckedIOException(new IOException("MNIST not found: no data/mnist folder in " + start
                + " or its parents. Run environment/setup.sh to fetch it, or put the four files "
                + fileList() + " (raw or .gz) into <repository>/data/mnist/."));
    }

    /** The file for {@code file} in {@code directory}: the raw name, else the name with .gz. */
    public static Path locate(Path directory, MnistFile file) throws IOException {
        requireFolder(directory);
        Path raw = directory.resolve(file.fileName());
        Path gz = directory.resolve(file.fileName() + ".gz");
        if (Files.isRegularFile(raw)) return raw;
        if (Files.isRegularFile(gz)) return gz;
        for (Path p : new Path[]{raw, gz}) {
            if (Files.isDirectory(p)) {
                throw new IOException(p + " is a folder, but MNIST needs a file of that name there (an unpacked archive"
                        + " may have made the folder: move the file out of it, or delete it and run environment/setup.sh)");
            }
        }
        throw new IOException("MNIST file missing: neither " + raw + " nor " + gz + " exists. Run "
                + "environment/setup.sh to fetch MNIST, or put the four files " + fileList() + " into " + directory);
    }

    private static void requireFolder(Path directory) throws IOException {
        if (Files.isDirectory(directory)) return;
        if (Files.exists(directory)) {
            throw new IOException(directory + " is a file, but MNIST is looked for in a folder of that name holding the four files "
                    + fileList() + "; point dlnb.data.dir (or DLNB_DATA_DIR) at that folder");
        }
        throw new IOException("the MNIST folder " + directory + " does not exist. Run environment/setup.sh to fetch MNIST"
                + " there, or point dlnb.data.dir (or DLNB_DATA_DIR) at the folder that holds the four files " + fileList());
    }

    private static Dataset read(Path directory, MnistFile imagesFile, MnistFile labelsFile) throws IOException {
        IdxFile images = IdxFile.readImages(locate(directory, imagesFile));
        IdxFile labels = IdxFile.readLabels(locate(directory, labelsFile));
        if (images.dims()[1] != IMAGE_SIZE || images.dims()[2] != IMAGE_SIZE) {
            throw new IdxFormatException(images.path(), "images are " + images.dims()[1] + "x" + images.dims()[2]
                    + " pixels; MNIST images are 28x28");
        }
        verifyChecksum(images, imagesFile);
        verifyChecksum(labels, labelsFile);
        if (images.count() != labels.count()) {
            throw new IdxFormatException(labels.path(), "holds " + labels.count() + " labels but "
                    + images.path().getFileName() + " holds " + images.count() + " images");
        }
        return new Dataset(pixels(images), labelValues(labels), CLASSES);
    }

    private static void verifyChecksum(IdxFile idx, MnistFile expected) throws IdxFormatException {
        String actual = sha256(idx.bytes());
        if (!actual.equals(expected.sha256())) {
            throw new IdxFormatException(idx.path(), "contents differ from the MNIST release (SHA-256 " + actual
                    + ", expected " + expected.sha256() + "); delete it and run environment/setup.sh to fetch a fresh copy");
        }
    }

    private static INDArray pixels(IdxFile images) {
        int n = images.count();
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, n, PIXELS);
        FloatBuffer out = x.data().asNioFloat();
        byte[] bytes = images.bytes();
        int offset = images.dataOffset();
        int total = n * PIXELS;
        for (int i = 0; i < total; i++) {
            out.put(i, (bytes[offset + i] & 0xFF) / 255f);
        }
        return x;
    }

    private static int[] labelValues(IdxFile labels) throws IdxFormatException {
        int[] values = new int[labels.count()];
        byte[] bytes = labels.bytes();
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes[labels.dataOffset() + i] & 0xFF;
            if (values[i] >= CLASSES) {
                throw new IdxFormatException(labels.path(), "label " + values[i] + " at index " + i + " is not a digit 0-9");
            }
        }
        return values;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static String fileList() {
        StringBuilder names = new StringBuilder();
        for (MnistFile f : MnistFile.values()) {
            if (!names.isEmpty()) names.append(", ");
            names.append(f.fileName());
        }
        return names.toString();
    }
}
