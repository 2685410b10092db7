package dlnb.io;

import dlnb.nn.Param;
import dlnb.nn.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model's weights as an .npz file (a zip of .npy arrays, one per parameter, named "layer/param"), which
 * {@code numpy.load} reads directly. Saving is atomic; loading checks every name and shape before changing anything.
 */
public final class Weights {
    private Weights() {
    }

    /** Writes every parameter; the file appears complete or not at all. Returns the absolute path. */
    public static Path save(Sequential model, Path file) throws IOException {
        return AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Param p : model.params()) {
                    byte[] npy = Npy.toBytes(p.value());
                    ZipEntry entry = new ZipEntry(p.key() + ".npy");
                    zip.putNextEntry(entry);
                    zip.write(npy);
                    zip.closeEntry();
                }
            }
        });
    }

    /** The arrays in an .npz file, by name (without ".npy"), in file order. */
    public static Map<String, INDArray> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no weights file at " + file);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                arrays.put(name, Npy.read(zip, file + ":" + e.getName()));
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is not a readable .npz file: " + e.getMessage(), e);
        }
        if (arrays.isEmpty()) throw new IOException(file + " holds no arrays (not an .npz file?)");
        return arrays;
    }

    /**
     * Replaces the model's weights with those in the file. Fails, leaving the model unchanged, when a parameter is
     * missing, has another shape (the message names the layer and both shapes) or the file has arrays the model lacks.
     */
    public static void load(Sequential model, Path file) throws IOException {
        Map<String, INDArray> arrays = read(file);
        for (Param p : model.params()) {
            INDArray a = arrays.get(p.key());
            if (a == null) throw new IOException(file + " has no weights for " + p.key() + " " + Arrays.toString(p.shape()));
            if (!Arrays.equals(a.shape(), p.shape())) {
                throw new IOException(p.layer() + ": parameter " + p.name() + " has shape " + Arrays.toString(p.shape())
                        + " in the model but " + Arrays.toString(a.shape()) + " in " + file);
            }
        }
        TreeSet<String> extra = new TreeSet<>(arrays.keySet());
        model.params().forEach(p -> extra.remove(p.key()));
        if (!extra.isEmpty()) throw new IOException(file + " has weights the model does not: " + extra);
        for (Param p : model.params()) p.value().assign(arrays.get(p.key()).castTo(p.value().dataType()));
    }
}
