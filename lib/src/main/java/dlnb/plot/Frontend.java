package dlnb.plot;

/**
 * Where displayed output goes: a Jupyter kernel's display channel, or files when there is no kernel.
 * {@code payload} is a {@link java.awt.image.BufferedImage} for "image/png" and a String for "text/html".
 */
interface Frontend {
    /** Shows the payload and returns an id that {@link #update} can replace later. */
    String show(String mime, Object payload);

    /** Replaces what an earlier {@link #show} displayed (the live training curve uses this). */
    void update(String id, String mime, Object payload);

    /** The frontend for this JVM: rapaio-jupyter-kernel, IJava, JJava, or files when none is running. */
    static Frontend detect() {
        Frontend kernel = RapaioFrontend.ifRunning();
        if (kernel == null) kernel = IJavaFrontend.ifRunning();
        if (kernel == null) kernel = JJavaFrontend.ifRunning();
        return kernel != null ? kernel : new FileFrontend(FileFrontend.defaultDirectory());
    }
}
