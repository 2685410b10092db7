package dlnb.model;

import dlnb.nn.Layer;
import dlnb.nn.ParamSpec;
import org.bytedeco.javacpp.Pointer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Explains a failed allocation. ND4J's arrays live outside the Java heap, and JavaCPP refuses any allocation once the
 * process passes its limit, so the error names whatever small array happened to come next ("Cannot allocate new
 * LongPointer(2)"). This says what fit or evaluate was doing, which buffers are large (sized from the layers' shapes,
 * without allocating anything), and what to change. Only runs after a failure: nothing here is on the hot path.
 */
final class OutOfMemory {
    private OutOfMemory() {
    }

    /** The error to throw instead of {@code e}, which happened while the model was {@code doing} something. */
    static OutOfMemoryError explain(OutOfMemoryError e, Sequential model, long[] exampleShape, long batchSize, String doing) {
        StringBuilder m = new StringBuilder("Out of memory while ").append(doing).append(": ").append(usage()).append('.');
        if (exampleShape != null) {
            long width = model.dataType().width();
            List<Layer> layers = model.layers();
            long[] shape = exampleShape;
            long params = 0, outputs = 0, largest = -1;
            String largestName = null;
            long[] largestShape = null;
            for (Layer layer : layers) {
                for (ParamSpec p : layer.paramSpecs(shape)) params += count(p.shape());
                shape = layer.outputShape(shape);
                long values = count(shape) * batchSize;
                outputs += values;
                if (values > largest) {
                    largest = values;
                    largestName = layer.name() != null ? layer.name() : layer.type();
                    largestShape = shape;
                }
            }
            m.append(" The model has ").append(String.format(Locale.ROOT, "%,d", params)).append(" parameters (")
                    .append(size(params * width)).append(", as much again for their gradients, up to twice that for the"
                            + " optimizer's state)");
            if (batchSize > 0 && largestName != null) {
                long[] batchShape = new long[largestShape.length + 1];
                batchShape[0] = batchSize;
                System.arraycopy(largestShape, 0, batchShape, 1, largestShape.length);
                m.append("; one batch of ").append(batchSize).append(" needs about ").append(size(2 * outputs * width))
                        .append(" for the layers' outputs and gradients, the largest being ").append(largestName)
                        .append("'s output ").append(Arrays.toString(batchShape)).append(" ")
                        .append(model.dataType().name().toLowerCase(Locale.ROOT)).append(" (").append(size(largest * width)).append(")");
            }
            m.append('.');
            m.append(batchSize > 1 ? " Use a smaller batch, e.g. batchSize(" + Math.max(1, batchSize / 4) + "), a smaller model,"
                    : " Use a smaller model,").append(" or give the JVM more memory.");
        }
        OutOfMemoryError explained = new OutOfMemoryError(m + " (ND4J: " + e.getMessage() + ")");
        explained.initCause(e);
        return explained;
    }

    /** How much memory the process holds against JavaCPP's limits, when it is near one of them. */
    private static String usage() {
        long physical = Pointer.physicalBytes(), maxPhysical = Pointer.maxPhysicalBytes();
        long total = Pointer.totalBytes(), maxTotal = Pointer.maxBytes();
        if (maxPhysical > 0 && physical > maxPhysical * 0.9) {
            return "the process uses " + size(physical) + " of the " + size(maxPhysical)
                    + " it may (-Dorg.bytedeco.javacpp.maxphysicalbytes)";
        }
        if (maxTotal > 0 && total > maxTotal * 0.9) {
            return "arrays outside the Java heap take " + size(total) + " of the " + size(maxTotal)
                    + " allowed (-Dorg.bytedeco.javacpp.maxbytes)";
        }
        return "the process uses " + size(physical) + "; the Java heap may grow to " + size(Runtime.getRuntime().maxMemory());
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    private static String size(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        return String.format(Locale.ROOT, "%d MiB", Math.max(1, bytes >> 20));
    }
}
