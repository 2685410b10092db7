package dlnb.display;

/**
 * Where displayed output goes: a Jupyter kernel's display channel (or, in dlnb.plot, files when there is no
 * kernel). {@code payload} is a {@link java.awt.image.BufferedImage} for "image/png" and a String for "text/html" or
 * "text/plain".
 */
public interface Frontend {
    /** Shows the payload and returns an id that {@link #update} can replace later. */
    String show(String mime, Object payload);

    /** Replaces what an earlier {@link #show} displayed (live tables, curves and the progress line use this). */
    void update(String id, String mime, Object payload);
}
