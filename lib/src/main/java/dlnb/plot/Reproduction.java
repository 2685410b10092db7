package dlnb.plot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dlnb.data.QuickMode;
import dlnb.io.AtomicFiles;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notebook's numbers beside the article's: each {@link ArticleComparison} is shown in the notebook's closing table
 * and written, with its verdict, to {@code numbers.json} in the notebook's results folder, from which
 * {@code environment/reproduce.sh} builds the reproduction report. Nothing in the report is typed in: it is what
 * ran. Charts that stand for an article's figure are registered with {@link #figure}.
 */
public final class Reproduction {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final String notebook;
    private final String title;
    private final String run;
    private final List<ArticleComparison> rows = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /**
     * {@code notebook} is the results folder's name (e.g. "01-mlp-basics"); {@code title} names the article;
     * {@code run} says what this run trained on (e.g. "20,000 of 60,000 training images, 15 epochs"), shown with the
     * table so a quick-mode number is never read as a full run's.
     */
    public Reproduction(String notebook, String title, String run) {
        this.notebook = notebook;
        this.title = title;
        this.run = run;
    }

    /** An accuracy or loss, judged against the spread of our seeds ({@code seeds} holds every run, the main one too). */
    public Reproduction spread(String measure, double article, double ours, double[] seeds, String note) {
        return add(new ArticleComparison(measure, ArticleComparison.Kind.SPREAD, article, article, ours, seeds, note));
    }

    /** As {@link #spread}, for an article that gives a range (e.g. convergence after 350–700 epochs). */
    public Reproduction spreadRange(String measure, double low, double high, double ours, double[] seeds, String note) {
        return add(new ArticleComparison(measure, ArticleComparison.Kind.SPREAD, low, high, ours, seeds, note));
    }

    /** A throughput: higher is faster. {@code high} may equal {@code low}. */
    public Reproduction throughput(String measure, double low, double high, double ours, String note) {
        return add(new ArticleComparison(measure, ArticleComparison.Kind.HIGHER_IS_FASTER, low, high, ours, null, note));
    }

    /** A time: lower is faster. */
    public Reproduction time(String measure, double article, double ours, String note) {
        return add(new ArticleComparison(measure, ArticleComparison.Kind.LOWER_IS_FASTER, article, article, ours, null, note));
    }

    /** A count that must be equal. */
    public Reproduction exact(String measure, double article, double ours) {
        return add(new ArticleComparison(measure, ArticleComparison.Kind.EXACT, article, article, ours, null, ""));
    }

    /** Records that the chart saved as {@code <png>.png} stands for the article's figure described. */
    public Reproduction figure(String png, String articleFigure) {
        figures.put(png, articleFigure);
        save();
        return this;
    }

    /** A number the report quotes besides the comparisons (e.g. how long the sweep took). */
    public Reproduction fact(String name, Object value) {
        facts.put(name, value);
        save();
        return this;
    }

    public List<ArticleComparison> rows() {
        return List.copyOf(rows);
    }

    private Reproduction add(ArticleComparison row) {
        rows.removeIf(r -> r.measure().equals(row.measure()));
        rows.add(row);
        save();
        return this;
    }

    /** The rows as a table: measure, article, ours, difference, verdict. */
    public Table table() {
        boolean quick = QuickMode.active();
        Table t = Table.create((quick ? "Quick mode, " : "Full run, ") + run + ": ours vs the article (" + title + ")",
                StringColumn.create("measure"), StringColumn.create("article"),
                StringColumn.create("ours"), StringColumn.create("difference"), StringColumn.create("verdict"));
        for (ArticleComparison r : rows) {
            t.stringColumn("measure").append(r.measure());
            t.stringColumn("article").append(r.articleText());
            t.stringColumn("ours").append(r.oursText());
            t.stringColumn("difference").append(Double.isNaN(r.difference()) ? "—" : ArticleComparison.format(r.difference()));
            t.stringColumn("verdict").append(r.verdict() + (quick && r.measured() ? " (quick mode: fewer images or epochs than the article)" : ""));
        }
        return t;
    }

    /** Shows the table in the notebook. */
    public void show() {
        Display.table(table());
    }

    private void save() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("notebook", notebook);
        out.put("article", title);
        out.put("mode", QuickMode.active() ? "quick" : "full");
        out.put("description", QuickMode.describe());
        out.put("run", run);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ArticleComparison r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("measure", r.measure());
            m.put("kind", r.kind().name());
            m.put("article", r.articleText());
            m.put("ours", r.oursText());
            m.put("difference", Double.isNaN(r.difference()) ? null : r.difference());
            m.put("seeds", r.seeds());
            m.put("verdict", r.verdict());
            m.put("reproduced", r.reproduced());
            m.put("note", r.note());
            list.add(m);
        }
        out.put("comparisons", list);
        out.put("figures", figures);
        out.put("facts", facts);
        Path file = Results.folder(notebook).resolve("numbers.json");
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
