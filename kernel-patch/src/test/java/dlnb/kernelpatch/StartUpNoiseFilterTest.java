package dlnb.kernelpatch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartUpNoiseFilterTest {

    @Test
    void dropsOnlyTheEarlyKernelInfoComplaint() {
        StartUpNoiseFilter filter = new StartUpNoiseFilter();
        assertFalse(filter.isLoggable(new LogRecord(Level.SEVERE, "[ShellChannel]: Unhandled message: kernel_info_request")));
        assertTrue(filter.isLoggable(new LogRecord(Level.SEVERE, "[ShellChannel]: Unhandled message: execute_request")));
        assertTrue(filter.isLoggable(new LogRecord(Level.SEVERE, "[ShellChannel]: Exception handling execute_request.")));
        assertTrue(filter.isLoggable(new LogRecord(Level.WARNING, null)));
    }

    @Test
    void theJarsLoggingConfigurationShowsWarningsOnlyThroughTheFilter() throws IOException {
        LogManager manager = LogManager.getLogManager();
        try (InputStream config = getClass().getClassLoader().getResourceAsStream("logging.properties")) {
            manager.readConfiguration(config); // what the kernel's MainApp does at start
        }
        try {
            assertEquals(Level.WARNING, manager.getLogger("").getLevel());
            ConsoleHandler console = (ConsoleHandler) manager.getLogger("").getHandlers()[0];
            assertEquals(Level.WARNING, console.getLevel());
            assertInstanceOf(StartUpNoiseFilter.class, console.getFilter());
        } finally {
            manager.reset();
        }
    }
}
