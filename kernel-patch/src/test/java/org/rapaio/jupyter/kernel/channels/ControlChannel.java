package org.rapaio.jupyter.kernel.channels;

/** Test double: starts its loop from {@code bind}, as rapaio's ControlChannel does. */
final class ControlChannel {
    final LoopThread loop;

    ControlChannel(Runnable body) {
        loop = new LoopThread("Control-test", 1, body);
    }

    void bind() {
        loop.start();
    }
}
