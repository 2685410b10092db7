package dlnb.ops;

import org.bytedeco.dnnl.memory;

/** One stage of a {@link OneDnnChain} for one part of the batch: its primitives each way, appended to that part's steps. */
interface OneDnnStage {
    /** Appends the forward primitives that read {@code in}; returns the stage's output, in the layout it chose. */
    memory forward(OneDnnSteps steps, memory in);

    /**
     * Appends the backward primitives, given the gradient of the output (run after the forward steps, which they
     * read); returns the gradient of the input, or null when {@code inputGradient} is false.
     */
    memory backward(OneDnnSteps steps, memory gradOut, boolean inputGradient);
}
