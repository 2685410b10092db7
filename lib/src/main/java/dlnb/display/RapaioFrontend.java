package dlnb.display;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Publishes through rapaio-jupyter-kernel's {@code Global.display(mime, object)} and
 * {@code Global.updateDisplay(id, mime, object)}; the kernel renders a BufferedImage as PNG itself.
 */
final class RapaioFrontend implements Frontend {
    private final Method display;
    private final Method update;

    private RapaioFrontend(Class<?> global) throws NoSuchMethodException {
        display = global.getMethod("display", String.class, Object.class);
        update = global.getMethod("updateDisplay", String.class, String.class, Object.class);
    }

    /** The frontend when this JVM is a running rapaio kernel, otherwise null. */
    static RapaioFrontend ifRunning() {
        Class<?> main = KernelClasses.find("org.rapaio.jupyter.kernel.MainApp");
        Class<?> global = KernelClasses.find("org.rapaio.jupyter.kernel.global.Global");
        if (main == null || global == null) return null;
        try {
            if (main.getField("kernel").get(null) == null) return null;
            return new RapaioFrontend(global);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Override
    public String show(String mime, Object payload) {
        return String.valueOf(call(display, mime, payload));
    }

    @Override
    public void update(String id, String mime, Object payload) {
        call(update, id, mime, payload);
    }

    private static Object call(Method method, Object... args) {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("rapaio-jupyter-kernel could not display the output: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("rapaio-jupyter-kernel's display API is not accessible", e);
        }
    }
}
