package dlnb.callbacks;

import dlnb.model.Callback;
import dlnb.model.Sequential;
import dlnb.optim.LearningRateSchedule;

/**
 * Sets the optimizer's learning rate at the start of each epoch, as Keras' LearningRateScheduler does: the schedule
 * gets the epoch (counted from 0) and the optimizer's current rate, and returns the rate for this epoch.
 */
public final class LearningRateScheduler implements Callback {
    private final LearningRateSchedule schedule;

    public LearningRateScheduler(LearningRateSchedule schedule) {
        if (schedule == null) throw new IllegalArgumentException("the schedule must not be null");
        this.schedule = schedule;
    }

    @Override
    public void onEpochBegin(int epoch, Sequential model) {
        double current = model.optimizer().learningRate();
        double rate = schedule.rate(epoch - 1, current);
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("the schedule gave learning rate " + rate + " for epoch " + epoch
                    + " (from the current rate " + current + "); it must be a positive number");
        }
        model.optimizer().setLearningRate(rate);
    }
}
