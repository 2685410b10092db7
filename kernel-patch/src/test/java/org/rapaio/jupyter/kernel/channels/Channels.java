package org.rapaio.jupyter.kernel.channels;

/**
 * Test double of rapaio's class of this name (test classes come before the kernel jar on the test class path):
 * just enough to start loops from a {@code connect} method, as the kernel does, and register "handlers" after.
 */
final class Channels {
    volatile boolean handlersRegistered;

    void connect(ShellChannel shell, ControlChannel control, long handlersAfterMillis) throws InterruptedException {
        shell.bind();
        control.bind();
        Thread.sleep(handlersAfterMillis); // the kernel binds its other sockets here
        handlersRegistered = true;
    }
}
