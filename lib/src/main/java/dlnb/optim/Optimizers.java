package dlnb.optim;

import java.util.Map;

/** Builds an optimizer back from its {@link Optimizer#config()}. */
final class Optimizers {
    private Optimizers() {
    }

    static Optimizer fromConfig(Map<String, ?> c) {
        Object type = c.get("type");
        double lr = number(c, "learning_rate");
        if (type == null) throw new IllegalArgumentException("optimizer settings " + c + " have no \"type\"");
        return switch (type.toString()) {
            case "Sgd" -> new Sgd(lr);
            case "Momentum" -> new Momentum(lr, number(c, "momentum"), Boolean.TRUE.equals(c.get("nesterov")));
            case "RmsProp" -> new RmsProp(lr, number(c, "rho"), number(c, "epsilon"));
            case "Adam" -> new Adam(lr, number(c, "beta_1"), number(c, "beta_2"), number(c, "epsilon"));
            default -> throw new IllegalArgumentException("unknown optimizer type '" + type + "'; use Sgd, Momentum, RmsProp or Adam");
        };
    }

    private static double number(Map<String, ?> c, String key) {
        if (!(c.get(key) instanceof Number n)) throw new IllegalArgumentException("optimizer settings " + c + " need a number \"" + key + "\"");
        return n.doubleValue();
    }
}
