package dlnb.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Numbers, positions and shapes written the way the check messages show them. */
final class Numbers {
    private Numbers() {
    }

    /** At most 5 significant digits, integers without a decimal point: 0, 0.5, 0.19661, 1.2346e-07. */
    static String show(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "Infinity" : "-Infinity";
        if (x == Math.rint(x) && Math.abs(x) < 1e7) return Long.toString((long) x);
        String s = String.format(Locale.ROOT, "%.5g", x);
        if (s.contains("e")) {
            String[] parts = s.split("e");
            return trimZeros(parts[0]) + "e" + parts[1];
        }
        return trimZeros(s);
    }

    private static String trimZeros(String s) {
        return s.contains(".") ? s.replaceFirst("0+$", "").replaceFirst("\\.$", "") : s;
    }

    static String shape(long[] shape) {
        return Arrays.toString(shape);
    }

    /** The row-major position of flat index {@code flat} in an array of this shape, e.g. [2, 3]. */
    static long[] position(long flat, long[] shape) {
        long[] pos = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            pos[d] = flat % shape[d];
            flat /= shape[d];
        }
        return pos;
    }

    /** The flat row-major index of a position: the inverse of {@link #position(long, long[])}. */
    static int flat(long[] position, long[] shape) {
        long index = 0;
        for (int d = 0; d < shape.length; d++) index = index * shape[d] + position[d];
        return (int) index;
    }

    static String position(long[] position) {
        return Arrays.stream(position).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
