package dlnb.plot;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as HTML, for showing inline. */
public final class HtmlTables {
    private HtmlTables() {
    }

    public static String of(Table table) {
        StringBuilder html = new StringBuilder("<table>");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        html.append("<thead><tr>");
        for (Column<?> column : table.columns()) html.append("<th>").append(escape(column.name())).append("</th>");
        html.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append("<td>").append(escape(cell(column, r))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /** Doubles without a print format of their own get at most four decimals (and none when whole). */
    private static String cell(Column<?> column, int row) {
        String text = column.getString(row);
        if (column instanceof DoubleColumn d && !d.isMissing(row) && text.equals(String.valueOf(d.getDouble(row)))) {
            return DECIMALS.format(d.getDouble(row));
        }
        return text;
    }

    private static final java.text.DecimalFormat DECIMALS = new java.text.DecimalFormat("#,##0.####");

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
