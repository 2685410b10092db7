package dlnb.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuOnlyClassLoaderTest {
    @TempDir
    Path dir;

    @Test
    void hidesTheCudaBackendServiceButNotTheCpuOne() throws IOException {
        Path cuda = service("cuda", "# licence header\norg.nd4j.linalg.jcublas.JCublasBackend\n");
        Path cpu = service("cpu", "org.nd4j.linalg.cpu.nativecpu.CpuBackend\n");
        try (URLClassLoader jars = new URLClassLoader(new URL[]{cuda.toUri().toURL(), cpu.toUri().toURL()}, null)) {
            assertEquals(2, Collections.list(jars.getResources(CpuOnlyClassLoader.BACKEND_SERVICE)).size());
            CpuOnlyClassLoader filtered = new CpuOnlyClassLoader(jars);
            List<URL> left = Collections.list(filtered.getResources(CpuOnlyClassLoader.BACKEND_SERVICE));
            assertEquals(1, left.size());
            assertTrue(left.get(0).toString().contains("/cpu/"), left.toString());
        }
    }

    @Test
    void everythingElseComesFromTheParent() throws Exception {
        CpuOnlyClassLoader filtered = new CpuOnlyClassLoader(getClass().getClassLoader());
        assertSame(Backend.class, filtered.loadClass(Backend.class.getName()));
    }

    private Path service(String name, String content) throws IOException {
        Path root = dir.resolve(name);
        Path file = root.resolve(CpuOnlyClassLoader.BACKEND_SERVICE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return root;
    }
}
