package org.rapaio.jupyter.kernel.channels;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoggingConfigurationTest {

    @Test
    void theJarsLoggingConfigurationShowsWarningsOnly() throws IOException {
        LogManager manager = LogManager.getLogManager();
        var url = getClass().getClassLoader().getResource("logging.properties");
        assertTrue(url != null && !url.toString().contains("rapaio-jupyter-kernel"), "not ours: " + url);
        try (InputStream config = url.openStream()) {
            manager.readConfiguration(config); // what the kernel's MainApp does at start
        }
        try {
            assertEquals(Level.WARNING, manager.getLogger("").getLevel());
            ConsoleHandler console = (ConsoleHandler) manager.getLogger("").getHandlers()[0];
            assertEquals(Level.WARNING, console.getLevel());
            assertFalse(manager.getLogger("").isLoggable(Level.INFO), "INFO lines (the connection file, each message) would show");
        } finally {
            manager.reset();
        }
    }
}
