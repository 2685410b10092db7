package dlnb.check;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a check cell prints, standard output and standard error apart, as a test sees it. */
record Captured(String out, String err) {
    static Captured run(Runnable checkCell) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            checkCell.run();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Captured c = new Captured(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        oldOut.print(c.out());
        oldOut.print(c.err());
        return c;
    }

    String all() {
        return out + err;
    }

    /** The points line's "earned/max". */
    String points() {
        return out.lines().filter(l -> l.startsWith(PointsLine.PREFIX)).reduce((a, b) -> b)
                .map(l -> l.substring(l.indexOf("points=") + 7)).orElse("(no points line)");
    }
}
