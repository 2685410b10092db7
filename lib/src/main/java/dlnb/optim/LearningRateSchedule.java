package dlnb.optim;

/**
 * The learning rate for an epoch, as Keras' LearningRateScheduler asks for it: given the epoch (counted from 0)
 * and the rate the optimizer has now, return the rate for this epoch. So {@code (epoch, lr) -> lr * 0.5} halves the
 * rate every epoch, as the same lambda does in Keras. A schedule that needs the starting rate takes it as an
 * argument, which keeps every schedule a plain function of its inputs: a run resumed from a checkpoint gets the
 * same rates as one that never stopped.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    double rate(int epoch, double currentRate);

    /** The same rate in every epoch, as Keras trains when no schedule is given. */
    static LearningRateSchedule constant() {
        return (epoch, lr) -> lr;
    }

    /**
     * The first epoch at the optimizer's rate, then the rate times {@code factor} at the start of each later epoch:
     * lr·factor^epoch. PuzzleLib's tutorial multiplies by 0.9 after every epoch.
     */
    static LearningRateSchedule exponential(double factor) {
        if (!(factor > 0 && factor <= 1)) throw new IllegalArgumentException("factor must be in (0, 1], got " + factor);
        return (epoch, lr) -> epoch == 0 ? lr : lr * factor;
    }

    /** initialRate / (1 + decay·epoch): the slow decrease of the hand-written MLP series. */
    static LearningRateSchedule inverseTime(double initialRate, double decay) {
        Optimizer.checkRate(initialRate);
        if (!(decay >= 0)) throw new IllegalArgumentException("decay must not be negative, got " + decay);
        return (epoch, lr) -> initialRate / (1 + decay * epoch);
    }

    /** initialRate·drop^floor(epoch / every): a step down every few epochs. */
    static LearningRateSchedule step(double initialRate, double drop, int every) {
        Optimizer.checkRate(initialRate);
        if (!(drop > 0 && drop <= 1)) throw new IllegalArgumentException("drop must be in (0, 1], got " + drop);
        if (every <= 0) throw new IllegalArgumentException("every must be positive, got " + every);
        return (epoch, lr) -> initialRate * Math.pow(drop, Math.floorDiv(epoch, every));
    }
}
