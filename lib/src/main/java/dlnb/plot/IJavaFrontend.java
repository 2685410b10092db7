package dlnb.plot;

import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Publishes through IJava's runtime API: {@code Display.display(object, mimes...)} and
 * {@code Display.updateDisplay(id, object, mimes...)}. IJava renders a BufferedImage as PNG; HTML is a String
 * rendered "as" text/html (IJava's argument order is the reverse of rapaio's).
 */
final class IJavaFrontend implements Frontend {
    private final Method display;
    private final Method update;

    private IJavaFrontend(Class<?> runtimeDisplay) throws NoSuchMethodException {
        display = runtimeDisplay.getMethod("display", Object.class, String[].class);
        update = runtimeDisplay.getMethod("updateDisplay", String.class, Object.class, String[].class);
    }

    /** The frontend when this JVM is a running IJava kernel, otherwise null. */
    static IJavaFrontend ifRunning() {
        Class<?> ijava = KernelClasses.find("io.github.spencerpark.ijava.IJava");
        Class<?> runtimeDisplay = KernelClasses.find("io.github.spencerpark.ijava.runtime.Display");
        if (ijava == null || runtimeDisplay == null) return null;
        try {
            if (ijava.getMethod("getKernelInstance").invoke(null) == null) return null;
            return new IJavaFrontend(runtimeDisplay);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Override
    public String show(String mime, Object payload) {
        return String.valueOf(call(display, payload, renderAs(mime, payload)));
    }

    @Override
    public void update(String id, String mime, Object payload) {
        call(update, id, payload, renderAs(mime, payload));
    }

    private static String[] renderAs(String mime, Object payload) {
        // IJava picks PNG for images by itself; naming the type for a String makes it HTML instead of text.
        return payload instanceof BufferedImage ? new String[0] : new String[]{mime};
    }

    private static Object call(Method method, Object... args) {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("IJava could not display the output: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("IJava's display API is not accessible", e);
        }
    }
}
