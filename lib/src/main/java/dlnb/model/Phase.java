package dlnb.model;

/** The parts of a training step that {@link PhaseTimer} times separately. */
public enum Phase {
    SHUFFLE, FORWARD, LOSS, BACKWARD, UPDATE, METRICS
}
