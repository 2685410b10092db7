package org.rapaio.jupyter.kernel.channels;

/** Test double: starts its loop from {@code bind}, as rapaio's ShellChannel does. */
final class ShellChannel {
    final LoopThread loop;

    ShellChannel(Runnable body) {
        loop = new LoopThread("Shell-test", 1, body);
    }

    void bind() {
        loop.start();
    }
}
