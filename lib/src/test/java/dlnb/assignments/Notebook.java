package dlnb.assignments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A notebook's JSON as the tests read and edit it: cells found by their nbgrader grade_id. */
final class Notebook {
    private static final ObjectMapper JSON = new ObjectMapper();
    final ObjectNode root;

    private Notebook(ObjectNode root) {
        this.root = root;
    }

    static Notebook read(Path file) throws IOException {
        return new Notebook((ObjectNode) JSON.readTree(file.toFile()));
    }

    Notebook copy() {
        return new Notebook(root.deepCopy());
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    ArrayNode cells() {
        return (ArrayNode) root.get("cells");
    }

    static String gradeId(JsonNode cell) {
        return cell.path("metadata").path("nbgrader").path("grade_id").asText(null);
    }

    static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        if (s.isTextual()) return s.asText();
        StringBuilder b = new StringBuilder();
        s.forEach(line -> b.append(line.asText()));
        return b.toString();
    }

    ObjectNode cell(String gradeId) {
        for (JsonNode c : cells()) if (gradeId.equals(gradeId(c))) return (ObjectNode) c;
        throw new AssertionError("no cell with grade_id " + gradeId);
    }

    String source(String gradeId) {
        return source(cell(gradeId));
    }

    Notebook setSource(String gradeId, String source) {
        cell(gradeId).put("source", source);
        return this;
    }

    Notebook delete(String gradeId) {
        for (int i = 0; i < cells().size(); i++) {
            if (gradeId.equals(gradeId(cells().get(i)))) {
                cells().remove(i);
                return this;
            }
        }
        throw new AssertionError("no cell with grade_id " + gradeId);
    }

    /** The grade ids of the cells marked as nbgrader solution cells. */
    List<String> solutionIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode c : cells()) if (c.path("metadata").path("nbgrader").path("solution").asBoolean()) ids.add(gradeId(c));
        return ids;
    }

    /** This (released) notebook with every solution cell as in the teacher's source: what a perfect student hands in. */
    Notebook solvedFrom(Notebook source) {
        Notebook solved = copy();
        for (String id : solutionIds()) solved.setSource(id, source.source(id));
        return solved;
    }
}
