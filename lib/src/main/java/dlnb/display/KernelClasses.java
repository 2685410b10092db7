package dlnb.display;

/** Finds a kernel's classes from library code, which notebooks load through their own class loaders. */
final class KernelClasses {
    private KernelClasses() {
    }

    static Class<?> find(String name) {
        ClassLoader[] loaders = {Thread.currentThread().getContextClassLoader(), KernelClasses.class.getClassLoader(),
                ClassLoader.getSystemClassLoader()};
        for (ClassLoader loader : loaders) {
            if (loader == null) continue;
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }
}
