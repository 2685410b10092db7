package dlnb.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's packages layer downward: each may use only packages below it, so there is no cycle and the
 * architecture reads from the package list. Read from the sources: every {@code dlnb.x} a file names, in an import
 * or inline.
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src/main/java/dlnb");
    /** Higher uses lower. Packages on one level do not use each other. */
    static final Map<String, Integer> LEVEL = Map.ofEntries(
            Map.entry("ops", 0), Map.entry("io", 0),
            Map.entry("backend", 1), Map.entry("display", 1),
            Map.entry("data", 2),
            Map.entry("nn", 2), Map.entry("metrics", 2),
            Map.entry("loss", 3), Map.entry("optim", 3),
            Map.entry("model", 4),
            Map.entry("callbacks", 5),
            Map.entry("plot", 6), Map.entry("check", 6), Map.entry("bench", 6));
    private static final Pattern REFERENCE = Pattern.compile("\\bdlnb\\.([a-z]+)\\.[A-Z]");

    static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) if (!m.group(1).equals(pkg)) used.add(m.group(1));
            }
        }
        return uses;
    }

    @Test
    void everyPackageUsesOnlyPackagesBelowIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        Map<String, Set<String>> uses = uses();
        for (var e : uses.entrySet()) {
            assertTrue(LEVEL.containsKey(e.getKey()), "package dlnb." + e.getKey() + " has no level in this test: place it");
            for (String used : e.getValue()) {
                if (LEVEL.get(used) >= LEVEL.get(e.getKey())) wrong.add("dlnb." + e.getKey() + " uses dlnb." + used);
            }
        }
        assertEquals(List.of(), wrong, "packages must use only packages on a lower level");
    }

    @Test
    void thePackageGraphHasNoCycle() throws IOException {
        Map<String, Set<String>> uses = uses();
        List<String> cycle = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> found = cycleFrom(start, start, uses, new ArrayList<>(), new TreeSet<>());
            if (found != null) {
                cycle = found;
                break;
            }
        }
        assertEquals(List.of(), cycle, "a cycle between packages");
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path, Set<String> seen) {
        path.add(at);
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> c = new ArrayList<>(path);
                c.add(start);
                return c;
            }
            if (seen.add(next)) {
                List<String> c = cycleFrom(start, next, uses, path, seen);
                if (c != null) return c;
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    @Test
    void theTestSeesACycleWhenThereIsOne() {
        Map<String, Set<String>> withCycle = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));
        assertEquals(List.of("a", "b", "c", "a"), cycleFrom("a", "a", withCycle, new ArrayList<>(), new TreeSet<>()));
    }
}
