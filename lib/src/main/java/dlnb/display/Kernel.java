package dlnb.display;

/**
 * The Jupyter kernel this JVM runs in, if any: rapaio-jupyter-kernel, IJava or JJava, each found by its classes and
 * reached through its own display calls (they differ), behind one {@link Frontend}.
 */
public final class Kernel {
    private static Frontend frontend;
    private static boolean detected;

    private Kernel() {
    }

    /** The running kernel's display, or null outside a kernel. */
    public static synchronized Frontend frontend() {
        if (!detected) {
            Frontend f = RapaioFrontend.ifRunning();
            if (f == null) f = IJavaFrontend.ifRunning();
            if (f == null) f = JJavaFrontend.ifRunning();
            frontend = f;
            detected = true;
        }
        return frontend;
    }

    /** Whether this JVM is a notebook kernel. */
    public static boolean running() {
        return frontend() != null;
    }
}
