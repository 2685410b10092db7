package dlnb.notebooks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A table the library showed as HTML (see dlnb.plot.HtmlTables), read back from a notebook's output. */
record HtmlTable(String caption, List<String> header, List<List<String>> rows) {
    private static final Pattern TABLE = Pattern.compile("<table>(?:<caption>(.*?)</caption>)?(.*?)</table>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t[hd]>(.*?)</t[hd]>", Pattern.DOTALL);

    /** Every table in the text whose caption starts with {@code captionStart}; fails if there is none. */
    static HtmlTable find(String text, String captionStart) {
        Matcher t = TABLE.matcher(text);
        while (t.find()) {
            String caption = unescape(t.group(1) == null ? "" : t.group(1));
            if (!caption.startsWith(captionStart)) continue;
            List<List<String>> all = new ArrayList<>();
            Matcher r = ROW.matcher(t.group(2));
            while (r.find()) {
                List<String> cells = new ArrayList<>();
                Matcher c = CELL.matcher(r.group(1));
                while (c.find()) cells.add(unescape(c.group(1)));
                all.add(cells);
            }
            return new HtmlTable(caption, all.get(0), all.subList(1, all.size()));
        }
        throw new AssertionError("no table captioned \"" + captionStart + "...\" in the output");
    }

    /** The last table in the text whose caption starts with {@code captionStart} (a table shown again, completed). */
    static HtmlTable findLast(String text, String captionStart) {
        Matcher t = TABLE.matcher(text);
        int last = -1;
        while (t.find()) {
            if (unescape(t.group(1) == null ? "" : t.group(1)).startsWith(captionStart)) last = t.start();
        }
        if (last < 0) throw new AssertionError("no table captioned \"" + captionStart + "...\" in the output");
        return find(text.substring(last), captionStart);
    }

    int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) throw new AssertionError("table \"" + caption + "\" has no column " + name + ": " + header);
        return i;
    }

    double number(int row, String columnName) {
        return Double.parseDouble(rows.get(row).get(column(columnName)).replace(",", ""));
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
