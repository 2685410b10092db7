package dlnb.optim;

/** The learning rate for each epoch (counted from 0), given the initial rate. */
@FunctionalInterface
public interface LearningRateSchedule {
    double rate(int epoch, double initialRate);

    /** The same rate in every epoch, as Keras trains when no schedule is given. */
    static LearningRateSchedule constant() {
        return (epoch, lr) -> lr;
    }

    /** lr·factor^epoch: PuzzleLib's tutorial multiplies by 0.9 after every epoch. */
    static LearningRateSchedule exponential(double factor) {
        if (!(factor > 0 && factor <= 1)) throw new IllegalArgumentException("factor must be in (0, 1], got " + factor);
        return (epoch, lr) -> lr * Math.pow(factor, epoch);
    }

    /** lr / (1 + decay·epoch): the slow decrease of the hand-written MLP series. */
    static LearningRateSchedule inverseTime(double decay) {
        if (!(decay >= 0)) throw new IllegalArgumentException("decay must not be negative, got " + decay);
        return (epoch, lr) -> lr / (1 + decay * epoch);
    }

    /** lr·drop^floor(epoch / every): a step down every few epochs. */
    static LearningRateSchedule step(double drop, int every) {
        if (!(drop > 0 && drop <= 1)) throw new IllegalArgumentException("drop must be in (0, 1], got " + drop);
        if (every <= 0) throw new IllegalArgumentException("every must be positive, got " + every);
        return (epoch, lr) -> lr * Math.pow(drop, Math.floorDiv(epoch, every));
    }
}
