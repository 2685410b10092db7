package dlnb.bench;

import dlnb.nn.Activation;
import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Flatten;
import dlnb.nn.MaxPool2D;
import dlnb.model.Sequential;
import dlnb.optim.Adam;
import dlnb.optim.Momentum;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FlopCountTest {
    private static Sequential mlp(int... units) {
        Sequential s = new Sequential();
        for (int u : units) s.add(new Dense(u, Activation.SIGMOID));
        return s.input(784).build();
    }

    @Test
    void denseLayersCountThreeProductsExceptTheFirstLayersInputGradient() {
        // forward 2·(784·70 + 70·30 + 30·10) = 114,560; weight gradients as much; input gradients of layers 2 and 3
        assertEquals(114_560, FlopCount.perForwardImage(mlp(70, 30, 10)));
        assertEquals(114_560 + 114_560 + 2 * (70 * 30 + 30 * 10), FlopCount.perTrainingImage(mlp(70, 30, 10)));
        assertEquals(3 * 2 * 42_200 - 2 * 784 * 50, FlopCount.perTrainingImage(mlp(50, 50, 10)));
    }

    @Test
    void convolutionsCountEveryOutputPixel() {
        Sequential cnn = new Sequential(
                new Conv2D(32, 3, Activation.RELU), new MaxPool2D(2),
                new Conv2D(64, 3, Activation.RELU), new MaxPool2D(2),
                new Conv2D(64, 3, Activation.RELU), new Flatten(),
                new Dense(70, Activation.RELU), new Dense(10, Activation.SOFTMAX)).input(1, 28, 28).build();
        long conv1 = 2L * 9 * 1 * 32 * 26 * 26, conv2 = 2L * 9 * 32 * 64 * 11 * 11, conv3 = 2L * 9 * 64 * 64 * 3 * 3;
        long dense = 2L * (576 * 70 + 70 * 10);
        long forward = conv1 + conv2 + conv3 + dense;
        assertEquals(5_595_512, forward);
        assertEquals(forward, FlopCount.perForwardImage(cnn));
        assertEquals(3 * forward - conv1, FlopCount.perTrainingImage(cnn));
    }

    @Test
    void anUnbuiltNetworkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FlopCount.perTrainingImage(new Sequential(new Dense(10))));
    }

    @Test
    void adamMovesSevenFloatsPerParameterMomentumFive() {
        assertEquals(28L * 1_796_010, UpdateTraffic.bytesPerStep(new Adam(), mlp(1000, 1000, 10).paramCount()));
        assertEquals(20L * 100, UpdateTraffic.bytesPerStep(new Momentum(0.1, 0.9), 100));
    }
}
