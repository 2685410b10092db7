package dlnb.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * e^x and log x on whole vectors, built from additions, multiplications and bit operations only. The Vector API's own
 * EXP and LOG give slightly different results before and after the JIT compiles a loop (a scalar library in the
 * interpreter, SIMD routines once compiled), and so would its float reductions, whose order is left open: a training
 * run would then not repeat itself bit for bit. These functions, and {@link #sum}, compute the same bits at every
 * stage of compilation. Accuracy: within about 2 units in the last place over float's range.
 */
final class VectorMath {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds a float to the nearest integer, readable from the low bits. */
    private static final float ROUNDER = 12582912f;
    private static final float EXP_MAX = 88.7228394f, EXP_MIN = -87.3365479f;
    private static final float SQRT_HALF = 0.707106781186547524f;

    private VectorMath() {
    }

    /**
     * e^x: x = n·ln 2 + r with n an integer and |r| ≤ ln 2 / 2; e^r from a degree-6 polynomial (Cephes' expf
     * coefficients); then 2^n put straight into the exponent bits. Below -87.34 gives 0, above 88.72 gives +∞.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = xc.mul(LOG2E).add(ROUNDER);
        FloatVector n = t.sub(ROUNDER);                                  // round(x·log2 e)
        FloatVector r = xc.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));        // x - n·ln 2, in two parts for precision
        FloatVector p = r.broadcast(1.9875691500e-4f).mul(r).add(1.3981999507e-3f).mul(r).add(8.3334519073e-3f)
                .mul(r).add(4.1665795894e-2f).mul(r).add(1.6666665459e-1f).mul(r).add(5.0000001201e-1f);
        FloatVector er = p.mul(r.mul(r)).add(r).add(1f);                // e^r ≈ 1 + r + r²·p(r)
        IntVector bits = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector y = er.mul(bits.reinterpretAsFloats());            // · 2^n
        y = y.blend(0f, x.compare(VectorOperators.LT, EXP_MIN));
        return y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX));
    }

    /**
     * log x for x > 0: x = m·2^e with m in [√½, √2); log m from a degree-8 polynomial in m - 1 (Cephes' logf
     * coefficients); log x = log m + e·ln 2.
     */
    static FloatVector log(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126);
        FloatVector m = bits.and(0x807FFFFF).or(0x3F000000).reinterpretAsFloats();   // mantissa in [0.5, 1)
        VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
        FloatVector ef = ((FloatVector) e.convert(VectorOperators.I2F, 0)).sub(1f, small);   // e - 1 where m < √½ ...
        m = m.add(m, small).sub(1f);                                                          // ... where m is doubled
        FloatVector z = m.mul(m);
        FloatVector p = m.broadcast(7.0376836292e-2f).mul(m).add(-1.1514610310e-1f).mul(m).add(1.1676998740e-1f)
                .mul(m).add(-1.2420140846e-1f).mul(m).add(1.4249322787e-1f).mul(m).add(-1.6668057665e-1f)
                .mul(m).add(2.0000714765e-1f).mul(m).add(-2.4999993993e-1f).mul(m).add(3.3333331174e-1f);
        FloatVector y = p.mul(m).mul(z).add(ef.mul(LN2_LO)).sub(z.mul(0.5f)).add(m).add(ef.mul(LN2_HI));
        return y.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
    }

    /** The sum of all lanes, added from the first lane to the last, always in that order. */
    static float sum(FloatVector v, float[] scratch) {
        v.intoArray(scratch, 0);
        float s = 0;
        for (int i = 0; i < v.length(); i++) s += scratch[i];
        return s;
    }

    /** The sum of the lanes set in {@code mask}, added from the first lane to the last, always in that order. */
    static float sum(FloatVector v, VectorMask<Float> mask, float[] scratch) {
        v.intoArray(scratch, 0, mask);
        float s = 0;
        for (int i = 0; i < v.length(); i++) if (mask.laneIsSet(i)) s += scratch[i];
        return s;
    }
}
