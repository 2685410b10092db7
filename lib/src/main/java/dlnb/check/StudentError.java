package dlnb.check;

/**
 * Puts an exception thrown by a student's code into words: the untouched stub is "not written yet", an endless
 * recursion or a missing array says so, anything else names the exception, its message and the student's method.
 */
final class StudentError {
    static final String STUB_MESSAGE = "your code here";
    private static final int MAX_MESSAGE = 200;

    private StudentError() {
    }

    static String explain(String what, Throwable error) {
        String where = studentMethod(error);
        String in = where == null ? "" : " in " + where;
        if (error instanceof UnsupportedOperationException && STUB_MESSAGE.equals(error.getMessage())) {
            return "not written yet (" + (where == null ? "your " + what : where) + " still throws \"" + STUB_MESSAGE + "\")";
        }
        if (error instanceof StackOverflowError) {
            return "your " + what + " called itself without end (StackOverflowError" + in + ")";
        }
        if (error instanceof OutOfMemoryError) {
            return "your " + what + " ran out of memory (OutOfMemoryError" + in + ")";
        }
        if (error instanceof NullPointerException) {
            return "your " + what + " threw NullPointerException" + in + ": it used a variable that holds null (an array never created?)";
        }
        return "your " + what + " threw " + error.getClass().getSimpleName() + in + message(error);
    }

    /** The method of the student's cell closest to where the exception came from, or null. */
    static String studentMethod(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            // JShell compiles each cell's declarations into classes of the package REPL.
            if (!frame.getClassName().startsWith("REPL.")) continue;
            String method = frame.getMethodName();
            if (method.contains("$") || method.startsWith("do_it") || method.startsWith("<")) continue;
            return method;
        }
        return null;
    }

    private static String message(Throwable error) {
        String m = error.getMessage();
        if (m == null || m.isBlank()) return "";
        m = m.strip().lines().findFirst().orElse("");
        if (m.length() > MAX_MESSAGE) m = m.substring(0, MAX_MESSAGE) + "…";
        return ": " + m;
    }
}
