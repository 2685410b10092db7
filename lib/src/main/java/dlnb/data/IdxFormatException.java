package dlnb.data;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that is not what it claims to be; the message always starts with the file's path. */
public class IdxFormatException extends IOException {
    private final Path file;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
