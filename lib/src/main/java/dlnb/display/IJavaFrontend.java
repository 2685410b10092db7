package dlnb.display;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Publishes through IJava's runtime API, {@code Display.display(object, mimes...)} and
 * {@code Display.updateDisplay(id, object, mimes...)}; JJava, IJava's successor, has the same two calls under
 * another class name ({@link JJavaFrontend}). The MIME type is always named: called with an empty list these
 * render only text/plain (a BufferedImage would show as its toString()). The argument order is the reverse of rapaio's.
 */
final class IJavaFrontend implements Frontend {
    private final String kernel;
    private final Method display;
    private final Method update;

    /** {@code statics}: the kernel's class holding the static display calls. */
    IJavaFrontend(String kernel, Class<?> statics) throws NoSuchMethodException {
        this.kernel = kernel;
        display = statics.getMethod("display", Object.class, String[].class);
        update = statics.getMethod("updateDisplay", String.class, Object.class, String[].class);
    }

    /** The frontend when this JVM is a running IJava kernel, otherwise null. */
    static IJavaFrontend ifRunning() {
        Class<?> ijava = KernelClasses.find("io.github.spencerpark.ijava.IJava");
        Class<?> runtimeDisplay = KernelClasses.find("io.github.spencerpark.ijava.runtime.Display");
        if (ijava == null || runtimeDisplay == null) return null;
        try {
            if (ijava.getMethod("getKernelInstance").invoke(null) == null) return null;
            return new IJavaFrontend("IJava", runtimeDisplay);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Override
    public String show(String mime, Object payload) {
        return String.valueOf(call(display, payload, new String[]{mime}));
    }

    @Override
    public void update(String id, String mime, Object payload) {
        call(update, id, payload, new String[]{mime});
    }

    private Object call(Method method, Object... args) {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(kernel + " could not display the output: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(kernel + "'s display API is not accessible", e);
        }
    }
}
