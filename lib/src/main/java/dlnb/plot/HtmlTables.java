package dlnb.plot;

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
                html.append("<td>").append(escape(column.getString(r))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
