package dlnb.check;

import dlnb.nn.Activation;
import dlnb.nn.Conv2D;
import dlnb.nn.Initializer;
import dlnb.nn.MaxPool2D;
import dlnb.nn.Padding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks of a student's output-shape functions for a convolution and a max-pooling layer: [channels, height, width]
 * in, [channels, height, width] out, for valid and same padding and any stride. The reference is the library's
 * {@link Conv2D#outputShape} and {@link MaxPool2D#outputShape} (the only place these checks touch the library).
 * <pre>{@code
 * ShapeChecks.convOutputShape((input, filters, kernel, stride, padding) -> convOutputShape(input, filters, kernel, stride, padding));
 * }</pre>
 */
public final class ShapeChecks {
    private ShapeChecks() {
    }

    /** The student's convolution: filters kernels of kernel×kernel, moved by stride, padding "valid" or "same". */
    @FunctionalInterface
    public interface ConvShape {
        long[] shape(long[] input, int filters, int kernel, int stride, String padding);
    }

    /** The student's pooling: a pool×pool window moved by stride, padding "valid" or "same". */
    @FunctionalInterface
    public interface PoolShape {
        long[] shape(long[] input, int pool, int stride, String padding);
    }

    /** grade_id "conv_output_shape": valid padding 1 point, same padding 1 point. */
    public static void convOutputShape(ConvShape student) {
        new Exercise("conv_output_shape")
                .add(convCheck("conv output shape, valid padding", "valid", student))
                .add(convCheck("conv output shape, same padding", "same", student))
                .run();
    }

    /** grade_id "pool_output_shape", 1 point. */
    public static void poolOutputShape(PoolShape student) {
        new Exercise("pool_output_shape").add(poolCheck(student)).run();
    }

    /** One layer's settings on one input; for pooling, {@code filters} is 0. */
    record Setting(long[] input, int filters, int window, int stride, String padding) {
        /** E.g. "input [1, 28, 28], 32 filters, kernel 3×3, stride 1"; the padding too when the check's name omits it. */
        String label(String windowName, boolean withPadding) {
            return "input " + Numbers.shape(input) + (filters > 0 ? ", " + filters + " filters" : "") + ", " + windowName + " "
                    + window + "×" + window + ", stride " + stride + (withPadding ? ", " + padding + " padding" : "");
        }

        Padding mode() {
            return Padding.valueOf(padding.toUpperCase(Locale.ROOT));
        }
    }

    static List<Setting> convSettings(String padding) {
        return List.of(
                new Setting(new long[]{1, 28, 28}, 32, 3, 1, padding),
                new Setting(new long[]{32, 13, 13}, 64, 3, 1, padding),
                new Setting(new long[]{3, 32, 32}, 16, 5, 2, padding),
                new Setting(new long[]{8, 7, 7}, 4, 3, 2, padding),
                new Setting(new long[]{1, 5, 5}, 6, 5, 1, padding),
                new Setting(new long[]{2, 28, 20}, 10, 1, 1, padding),
                new Setting(new long[]{4, 10, 11}, 3, 2, 3, padding));
    }

    static List<Setting> poolSettings() {
        return List.of(
                new Setting(new long[]{32, 26, 26}, 0, 2, 2, "valid"),
                new Setting(new long[]{64, 11, 11}, 0, 2, 2, "valid"),
                new Setting(new long[]{16, 27, 27}, 0, 3, 2, "valid"),
                new Setting(new long[]{16, 7, 7}, 0, 2, 2, "same"),
                new Setting(new long[]{1, 28, 28}, 0, 3, 1, "same"),
                new Setting(new long[]{5, 9, 6}, 0, 2, 1, "valid"),
                new Setting(new long[]{3, 3, 3}, 0, 3, 3, "valid"));
    }

    static long[] referenceConv(Setting s) {
        return new Conv2D(s.filters(), s.window(), s.window(), s.stride(), s.mode(), Activation.IDENTITY, Initializer.ZEROS)
                .outputShape(s.input().clone());
    }

    static long[] referencePool(Setting s) {
        return new MaxPool2D(s.window(), s.stride(), s.mode()).outputShape(s.input().clone());
    }

    private static Check convCheck(String name, String padding, ConvShape student) {
        Check check = new Check(name, 1);
        for (Setting s : convSettings(padding)) {
            long[] expected = referenceConv(s);
            check.input(new Case<>(s.label("kernel", false), () -> student.shape(s.input().clone(), s.filters(), s.window(), s.stride(), s.padding()),
                    result -> judge("conv output shape", s, expected, result, mistakes(s, true))));
        }
        return check;
    }

    private static Check poolCheck(PoolShape student) {
        Check check = new Check("pool output shape", 1);
        for (Setting s : poolSettings()) {
            long[] expected = referencePool(s);
            check.input(new Case<>(s.label("pool", true), () -> student.shape(s.input().clone(), s.window(), s.stride(), s.padding()),
                    result -> judge("pool output shape", s, expected, result, mistakes(s, false))));
        }
        return check;
    }

    private static String judge(String what, Setting s, long[] expected, long[] result, List<Shaped> mistakes) {
        if (result == null) return "your " + what + " returned null";
        if (result.length != 3) {
            return "your " + what + " returned " + result.length + " numbers " + Arrays.toString(result)
                    + "; return three: [channels, height, width]";
        }
        if (Arrays.equals(expected, result)) return null;
        StringBuilder m = new StringBuilder("your ").append(what).append(" returned ").append(Arrays.toString(result))
                .append(" (expected ").append(Arrays.toString(expected)).append(')');
        for (Shaped wrong : mistakes) {
            if (Arrays.equals(wrong.shape(), result)) return m.append(": ").append(wrong.explanation()).toString();
        }
        if (result[0] != expected[0]) {
            return m.append(": the channels are wrong; ").append(s.filters() > 0
                    ? "a convolution gives one output map per filter" : "pooling keeps the number of channels").toString();
        }
        return m.append(": ").append(rule(s.padding())).toString();
    }

    private static String rule(String padding) {
        return padding.equals("same")
                ? "with same padding the border is padded so that out = ceil(in / stride), whatever the window"
                : "with valid padding the window stays inside the input: out = floor((in − window) / stride) + 1";
    }

    record Shaped(String explanation, long[] shape) {
    }

    /** Wrong shapes students often compute for this setting, each with what went wrong. */
    private static List<Shaped> mistakes(Setting s, boolean conv) {
        long c = conv ? s.filters() : s.input()[0];
        long h = s.input()[1], w = s.input()[2];
        int k = s.window(), st = s.stride();
        List<Shaped> m = new ArrayList<>();
        boolean same = s.padding().equals("same");
        if (same) {
            m.add(new Shaped("with same padding the output is in / stride, rounded up, not down: out = ceil(in / stride)",
                    new long[]{c, h / st, w / st}));
            m.add(new Shaped("that is the valid-padding size; with same padding out = ceil(in / stride)",
                    new long[]{c, (h - k) / st + 1, (w - k) / st + 1}));
            if (st > 1) m.add(new Shaped("the stride is missing: with same padding out = ceil(in / stride)", new long[]{c, h, w}));
        } else {
            m.add(new Shaped("the window stays inside the input, so it fits at in − window + 1 positions: the + 1 is missing",
                    new long[]{c, (h - k) / st, (w - k) / st}));
            if (st > 1) {
                m.add(new Shaped("the stride is missing: the window moves stride pixels at a time, out = floor((in − window) / stride) + 1",
                        new long[]{c, h - k + 1, w - k + 1}));
                m.add(new Shaped("rounded up; the last window must fit inside the input, so round (in − window) / stride down",
                        new long[]{c, ceilDiv(h - k, st) + 1, ceilDiv(w - k, st) + 1}));
                m.add(new Shaped("that is in / stride; with valid padding out = floor((in − window) / stride) + 1",
                        new long[]{c, h / st, w / st}));
            }
            m.add(new Shaped("that is the same-padding size; with valid padding out = floor((in − window) / stride) + 1",
                    new long[]{c, ceilDiv(h, st), ceilDiv(w, st)}));
        }
        if (conv && s.filters() != s.input()[0]) {
            long[] expected = referenceConv(s);
            m.add(new Shaped("the channels are the input's; a convolution gives one output map per filter (" + s.filters() + ")",
                    new long[]{s.input()[0], expected[1], expected[2]}));
        }
        return m;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
