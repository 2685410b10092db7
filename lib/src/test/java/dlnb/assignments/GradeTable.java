package dlnb.assignments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A grade table's CSV read back: quoted fields may hold commas, quotes and "|". */
record GradeTable(List<List<String>> rows) {
    static final List<String> HEADER = List.of("file", "exercise", "points", "max_points", "message");

    static GradeTable read(Path csv) throws IOException {
        List<List<String>> records = parse(Files.readString(csv, StandardCharsets.UTF_8));
        if (!records.get(0).equals(HEADER)) throw new AssertionError("header " + records.get(0));
        return new GradeTable(records.subList(1, records.size()));
    }

    List<List<String>> of(String file) {
        return rows.stream().filter(r -> r.get(0).equals(file)).toList();
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        return records;
    }
}
