package dlnb.io;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * numpy's .npz format: a zip of .npy arrays, one entry "name.npy" per array, which {@code numpy.load} reads as a
 * dict. Other entries (e.g. "model.json") ride along as raw bytes; numpy hands those back as bytes too. Writing is
 * atomic (see {@link AtomicFiles}).
 */
public final class Npz {
    private Npz() {
    }

    /** What an .npz file holds: arrays by name (without ".npy"), and any other entries as bytes, in file order. */
    public record Contents(Map<String, INDArray> arrays, Map<String, byte[]> otherEntries) {
        public Contents {
            arrays = Collections.unmodifiableMap(arrays);
            otherEntries = Collections.unmodifiableMap(otherEntries);
        }
    }

    /** Writes the arrays and entries; the file appears complete or not at all. Returns the absolute path. */
    public static Path write(Path file, Map<String, INDArray> arrays, Map<String, byte[]> otherEntries) throws IOException {
        return AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (var e : otherEntries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
                for (var e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    Npy.write(e.getValue(), zip);
                    zip.closeEntry();
                }
            }
        });
    }

    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no .npz file at " + file);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        Map<String, byte[]> other = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith(".npy")) {
                    arrays.put(e.getName().substring(0, e.getName().length() - 4), Npy.read(zip, file + ":" + e.getName()));
                } else {
                    other.put(e.getName(), zip.readAllBytes());
                }
            }
        } catch (ZipException e) {
            throw new IOException(file + " is not a readable .npz file: " + e.getMessage(), e);
        }
        if (arrays.isEmpty() && other.isEmpty()) throw new IOException(file + " holds nothing (not an .npz file?)");
        return new Contents(arrays, other);
    }
}
