package dlnb.display;

/**
 * Finds a running JJava kernel (IJava's maintained successor, package {@code org.dflib.jjava}). Its display calls are
 * IJava's, kept in {@code BaseNotebookStatics}, so {@link IJavaFrontend} publishes through them.
 */
final class JJavaFrontend {
    private JJavaFrontend() {
    }

    /** The frontend when this JVM is a running JJava kernel, otherwise null. */
    static Frontend ifRunning() {
        Class<?> kernel = KernelClasses.find("org.dflib.jjava.jupyter.kernel.BaseKernel");
        Class<?> statics = KernelClasses.find("org.dflib.jjava.jupyter.kernel.BaseNotebookStatics");
        if (kernel == null || statics == null) return null;
        try {
            // Throws (a NullPointerException) when no kernel has started in this JVM.
            if (kernel.getMethod("notebookKernel").invoke(null) == null) return null;
            return new IJavaFrontend("JJava", statics);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
