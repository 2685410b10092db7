package dlnb.notebooks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Attributes;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar that every notebook's first cell names, dlnb-notebook.jar, must reach every other jar in its folder
 * through its manifest's Class-Path, by names relative to the folder, and hold nothing else.
 */
class NotebookClasspathJarIT {
    private static final Path FOLDER = Path.of(System.getProperty("notebooks.classpathDir", "target/notebook-classpath"));
    private static final String PATHING_JAR = "dlnb-notebook.jar";

    @Test
    void thePathingJarListsEveryOtherJarInTheFolder() throws IOException {
        Path jar = FOLDER.resolve(PATHING_JAR);
        assertTrue(Files.isRegularFile(jar), jar + " is missing: mvn package builds it");
        List<String> entries;
        List<String> contents;
        try (JarFile file = new JarFile(jar.toFile())) {
            String classPath = file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            assertTrue(classPath != null && !classPath.isBlank(), PATHING_JAR + " has no Class-Path");
            entries = Arrays.asList(classPath.trim().split("\\s+"));
            contents = file.stream().map(e -> e.getName()).filter(n -> !n.startsWith("META-INF/")).toList();
        }
        Set<String> jars;
        try (Stream<Path> files = Files.list(FOLDER)) {
            jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar") && !n.equals(PATHING_JAR))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(entries.contains("dlnb.jar"), "the library jar is not listed: " + entries);
        assertTrue(entries.stream().noneMatch(e -> e.contains("/")), "entries must be plain names in the same folder: " + entries);
        Set<String> unlisted = new TreeSet<>(jars);
        entries.forEach(unlisted::remove);
        Set<String> missing = new TreeSet<>(entries);
        missing.removeAll(jars);
        assertTrue(unlisted.isEmpty() && missing.isEmpty(),
                "jars in the folder but not in the Class-Path: " + unlisted + "; listed but missing: " + missing);
        assertEquals(List.of(), contents, PATHING_JAR + " should hold only its manifest");
    }
}
