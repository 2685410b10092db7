package dlnb.testing;

import dlnb.data.Mnist;

/** MNIST, loaded once for every test class that needs it. */
public final class TestData {
    private static Mnist mnist;

    private TestData() {
    }

    public static synchronized Mnist mnist() {
        if (mnist == null) mnist = Mnist.load();
        return mnist;
    }
}
