package dlnb.metrics;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** counts()[actual][predicted]: how often each true class was given each predicted class. */
public final class ConfusionMatrix {
    private final int[][] counts;

    private ConfusionMatrix(int[][] counts) {
        this.counts = counts;
    }

    public static ConfusionMatrix of(int[] predicted, int[] actual, int classes) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predictions but " + actual.length + " labels");
        }
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("class outside 0.." + (classes - 1) + " at index " + i);
            }
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    public int classes() {
        return counts.length;
    }

    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) copy[i] = counts[i].clone();
        return copy;
    }

    public double accuracy() {
        long right = 0, all = 0;
        for (int a = 0; a < counts.length; a++) {
            for (int p = 0; p < counts.length; p++) {
                all += counts[a][p];
                if (a == p) right += counts[a][p];
            }
        }
        return all == 0 ? 0 : (double) right / all;
    }

    /** The {@code k} most frequent mistakes as "actual → predicted: count". */
    public List<String> mostConfused(int k) {
        List<int[]> mistakes = new ArrayList<>();
        for (int a = 0; a < counts.length; a++) {
            for (int p = 0; p < counts.length; p++) if (a != p && counts[a][p] > 0) mistakes.add(new int[]{a, p, counts[a][p]});
        }
        mistakes.sort(Comparator.comparingInt((int[] m) -> -m[2]));
        return mistakes.stream().limit(k).map(m -> m[0] + " → " + m[1] + ": " + m[2]).toList();
    }

    /** Rows are true classes, columns predicted ones. */
    public Table table() {
        Table t = Table.create("Confusion matrix (rows: true, columns: predicted)", StringColumn.create("true"));
        for (int p = 0; p < counts.length; p++) t.addColumns(IntColumn.create(String.valueOf(p)));
        for (int a = 0; a < counts.length; a++) {
            t.stringColumn("true").append(String.valueOf(a));
            for (int p = 0; p < counts.length; p++) t.intColumn(String.valueOf(p)).append(counts[a][p]);
        }
        return t;
    }
}
