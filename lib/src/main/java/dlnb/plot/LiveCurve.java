package dlnb.plot;

import dlnb.model.Callback;
import dlnb.model.EpochLogs;
import dlnb.model.History;
import dlnb.model.Sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * A training callback that draws the loss and accuracy curves in the notebook and redraws them in place after
 * every epoch, so a long run can be watched as it goes.
 */
public final class LiveCurve implements Callback {
    private final List<EpochLogs> epochs = new ArrayList<>();
    private Display.LiveOutput output;

    @Override
    public void onTrainBegin(Sequential model) {
        epochs.clear();
        output = null;
    }

    @Override
    public void onEpochEnd(EpochLogs logs, Sequential model) {
        epochs.add(logs);
        var picture = Charts.history(History.of(epochs));
        if (output == null) output = Display.live(picture);
        else output.update(picture);
    }
}
