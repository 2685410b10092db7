package dlnb.backend;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader that delegates everything to its parent but hides ND4J's CUDA backend from the service lookup
 * ND4J uses to choose a backend. ND4J 1.0.0-M2.1 ranks CUDA above the CPU and offers no switch other than
 * environment variables, which a running JVM cannot set; handing ND4J this loader keeps it on the CPU.
 */
final class CpuOnlyClassLoader extends ClassLoader {
    static final String BACKEND_SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    CpuOnlyClassLoader(ClassLoader parent) {
        super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!BACKEND_SERVICE.equals(name)) return all;
        List<URL> kept = new ArrayList<>();
        for (URL url : Collections.list(all)) {
            if (!namesCudaBackend(url)) kept.add(url);
        }
        return Collections.enumeration(kept);
    }

    private static boolean namesCudaBackend(URL serviceFile) throws IOException {
        try (InputStream in = serviceFile.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("jcublas");
        }
    }
}
