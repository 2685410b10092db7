package dlnb.nn;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the layer class a {@link LayerConfig}'s type names and builds it through its {@code (LayerConfig)}
 * constructor. Types are the class names of this package's layers, in any case ("Conv2D", "conv2d"); a layer of
 * your own elsewhere is named by its full class name ("my.course.Swish"). There is no list of layers to edit: a new
 * layer is one new class with such a constructor and a {@link Layer#config()} that writes the same settings.
 */
public final class LayerTypes {
    private static Map<String, Class<?>> ownLayers;

    private LayerTypes() {
    }

    static Layer create(LayerConfig config) {
        Class<?> type = find(config.type());
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(LayerConfig.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " cannot be built from settings: it has no public "
                    + type.getSimpleName() + "(LayerConfig) constructor");
        }
        Layer layer;
        try {
            layer = (Layer) constructor.newInstance(config);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalArgumentException("could not build " + config + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("could not build " + config + ": " + e, e);
        }
        if (!config.unread().isEmpty()) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no setting " + config.unread() + " (in " + config + ")");
        }
        String name = config.string("name", null);
        if (name != null) layer.setName(name);
        return layer;
    }

    /** The layer class for a type name. */
    public static Class<?> find(String type) {
        if (type.contains(".")) {
            try {
                Class<?> c = Class.forName(type, true, LayerTypes.class.getClassLoader());
                if (Layer.class.isAssignableFrom(c)) return c;
            } catch (ClassNotFoundException e) {
                // reported below
            }
            throw new IllegalArgumentException("no layer class " + type + " on the class path");
        }
        Class<?> c = ownLayers().get(type.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("unknown layer type '" + type + "'; dlnb's layers are " + String.join(", ",
                    ownLayers().values().stream().map(Class::getSimpleName).toList()));
        }
        return c;
    }

    /** This package's concrete layer classes by lower-case simple name, read from the jar or folder it came from. */
    private static synchronized Map<String, Class<?>> ownLayers() {
        if (ownLayers != null) return ownLayers;
        Map<String, Class<?>> found = new TreeMap<>();
        String folder = LayerTypes.class.getPackageName().replace('.', '/');
        try (Stream<String> names = classNames(LayerTypes.class.getResource(LayerTypes.class.getSimpleName() + ".class"), folder)) {
            names.forEach(n -> {
                try {
                    Class<?> c = Class.forName(LayerTypes.class.getPackageName() + "." + n, false, LayerTypes.class.getClassLoader());
                    if (Layer.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && Modifier.isPublic(c.getModifiers())) {
                        found.put(c.getSimpleName().toLowerCase(Locale.ROOT), c);
                    }
                } catch (ClassNotFoundException | LinkageError ignored) {
                    // not a loadable top-level class
                }
            });
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the layer classes in " + folder + ": " + e, e);
        }
        ownLayers = found;
        return found;
    }

    /** The classes beside {@code url} (this class's own file, in a jar or a folder). */
    private static Stream<String> classNames(URL url, String folder) throws IOException, URISyntaxException {
        if (url == null) throw new IOException("the class loader does not show " + folder);
        if (url.getProtocol().equals("jar")) {
            JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
            String prefix = folder + "/";
            return jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".class") && n.indexOf('/', prefix.length()) < 0 && !n.contains("$"))
                    .map(n -> n.substring(prefix.length(), n.length() - ".class".length()));
        }
        Path dir = Path.of(url.toURI()).getParent();
        return Files.list(dir).map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".class") && !n.contains("$"))
                .map(n -> n.substring(0, n.length() - ".class".length()));
    }
}
