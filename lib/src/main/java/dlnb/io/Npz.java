package dlnb.io;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy's .npz format: a zip of .npy arrays, one entry "name.npy" per array, which {@code numpy.load} reads as a
 * dict. Other entries (e.g. "model.json") ride along as raw bytes; numpy hands those back as bytes too. Writing is
 * atomic (see {@link AtomicFiles}).
 */
public final class Npz {
    /** Entries other than arrays are small descriptions (model.json); a size claim beyond this is damage. */
    private static final long MAX_OTHER_ENTRY = 64L << 20;

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

    /**
     * Reads every entry. A file cut short, or with bytes changed, fails with a {@link DamagedFileException} naming the
     * file (and the entry): the zip directory at the end is required, every entry's checksum is verified, and each
     * array's header is checked against its entry's size before the values are read.
     */
    public static Contents read(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new IOException(file + " is a folder, not an .npz file");
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no .npz file there");
        checkStart(file);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        Map<String, byte[]> other = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | EOFException e) {
            throw new DamagedFileException(file.toString(), "its zip directory is missing or unreadable (" + e.getMessage()
                    + "); a save or a download that was interrupted leaves such a file", e);
        }
        try (zip) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                String where = file + ": entry " + e.getName();
                try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
                    if (e.getName().endsWith(".npy")) {
                        arrays.put(e.getName().substring(0, e.getName().length() - 4), Npy.read(in, where, e.getSize()));
                    } else {
                        if (e.getSize() > MAX_OTHER_ENTRY) throw new DamagedFileException(where, "it claims " + e.getSize() + " bytes");
                        other.put(e.getName(), in.readAllBytes());
                    }
                    if (in.read() != -1) throw new DamagedFileException(where, "it holds more bytes than the zip directory says");
                    if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
                        throw new DamagedFileException(where, "its checksum does not match (bytes changed on disk or in transfer)");
                    }
                } catch (ZipException | EOFException ex) {
                    throw new DamagedFileException(where, "its compressed data are cut short or corrupt (" + ex.getMessage() + ")", ex);
                }
            }
        }
        if (arrays.isEmpty() && other.isEmpty()) throw new IOException(file + " is an empty zip archive, not an .npz file");
        return new Contents(arrays, other);
    }

    /** Tells a file that is not a zip archive at all from a damaged one, by its first bytes. */
    private static void checkStart(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(6);
        }
        if (start.length == 0) throw new DamagedFileException(file.toString(), "it is empty (0 bytes)");
        byte[] zipStart = {'P', 'K', 3, 4};
        if (Arrays.equals(start, 0, Math.min(start.length, 4), zipStart, 0, Math.min(start.length, 4))) return;
        if (start.length == 6 && (start[0] & 0xFF) == 0x93 && new String(start, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new IOException(file + " is a single .npy array, not an .npz archive of named arrays");
        }
        throw new IOException(file + " is not an .npz file (it does not start as a zip archive does)");
    }
}
