package dlnb.io;

import java.io.IOException;

/**
 * A file (or an entry inside one) whose bytes do not hold what its format promises: cut short by an interrupted
 * save or download, or altered on disk. The message names the file and what is wrong; saving it again, or copying it
 * again from where it came from, is the cure.
 */
public class DamagedFileException extends IOException {
    private final String where;

    /** {@code where}: the file, or "file: entry name" for an entry of an archive. */
    public DamagedFileException(String where, String problem) {
        this(where, problem, null);
    }

    public DamagedFileException(String where, String problem, Throwable cause) {
        super(where + " is damaged or truncated: " + problem, cause);
        this.where = where;
    }

    /** The file, or the file and entry, that is damaged. */
    public String where() {
        return where;
    }
}
