package dlnb.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A notebook as nbconvert wrote it after running: its code cells with their sources and outputs. */
final class ExecutedNotebook {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Output(String type, String text, List<String> mimeTypes, String ename, String evalue, String traceback) {
    }

    record CodeCell(int index, String source, List<Output> outputs) {
        String text() {
            StringBuilder s = new StringBuilder();
            for (Output o : outputs) s.append(o.text());
            return s.toString();
        }
    }

    private final Path file;
    private final List<CodeCell> cells;

    private ExecutedNotebook(Path file, List<CodeCell> cells) {
        this.file = file;
        this.cells = cells;
    }

    static ExecutedNotebook read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<CodeCell> cells = new ArrayList<>();
        int index = 0;
        for (JsonNode cell : root.path("cells")) {
            index++;
            if (!"code".equals(cell.path("cell_type").asText())) continue;
            List<Output> outputs = new ArrayList<>();
            for (JsonNode out : cell.path("outputs")) {
                List<String> mimes = new ArrayList<>();
                out.path("data").fieldNames().forEachRemaining(mimes::add);
                String text = joined(out.path("text"));
                if (text.isEmpty()) text = joined(out.path("data").path("text/plain")) + joined(out.path("data").path("text/html"));
                outputs.add(new Output(out.path("output_type").asText(), text, mimes, out.path("ename").asText(),
                        out.path("evalue").asText(), Ansi.strip(String.join("\n", strings(out.path("traceback"))))));
            }
            cells.add(new CodeCell(index, joined(cell.path("source")), outputs));
        }
        return new ExecutedNotebook(file, cells);
    }

    Path file() {
        return file;
    }

    List<CodeCell> cells() {
        return cells;
    }

    /** The first cell whose output has type "error", or null. */
    CodeCell firstError() {
        for (CodeCell c : cells) {
            for (Output o : c.outputs()) if ("error".equals(o.type())) return c;
        }
        return null;
    }

    /** Everything the cells printed or returned as text, in order. */
    String allText() {
        StringBuilder s = new StringBuilder();
        for (CodeCell c : cells) s.append(c.text()).append('\n');
        return s.toString();
    }

    /** How many outputs carry a given MIME type, e.g. "image/png". */
    long count(String mimeType) {
        return cells.stream().flatMap(c -> c.outputs().stream()).filter(o -> o.mimeTypes().contains(mimeType)).count();
    }

    /** The code cell whose source contains {@code fragment}; fails the test when there is none. */
    CodeCell cellContaining(String fragment) {
        return cells.stream().filter(c -> c.source().contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError(file.getFileName() + " has no code cell containing: " + fragment));
    }

    private static String joined(JsonNode node) {
        return String.join("", strings(node));
    }

    private static List<String> strings(JsonNode node) {
        List<String> parts = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> parts.add(n.asText()));
        else if (!node.isMissingNode() && !node.isNull()) parts.add(node.asText());
        return parts;
    }
}
