package dlnb.notebooks;

/** Removes terminal colour codes, which kernels put into tracebacks. */
final class Ansi {
    private Ansi() {
    }

    static String strip(String text) {
        return text.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
    }
}
