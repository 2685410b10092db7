package dlnb.train;

import dlnb.optim.LearningRateSchedule;

/** Sets the optimizer's learning rate at the start of each epoch from a schedule and the rate it started with. */
public final class LearningRateScheduler implements Callback {
    private final LearningRateSchedule schedule;
    private double initialRate = Double.NaN;

    public LearningRateScheduler(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onTrainBegin(Model model) {
        if (Double.isNaN(initialRate)) initialRate = model.optimizer().learningRate();
    }

    @Override
    public void onEpochBegin(int epoch, Model model) {
        model.optimizer().setLearningRate(schedule.rate(epoch - 1, initialRate));
    }
}
