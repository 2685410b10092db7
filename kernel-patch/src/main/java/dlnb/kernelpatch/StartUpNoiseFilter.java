package dlnb.kernelpatch;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps rapaio-jupyter-kernel's "Unhandled message: kernel_info_request" out of the terminal. The kernel handles
 * kernel_info as soon as its handlers are registered, so the message only means a request came in before that, while
 * the kernel was starting; Jupyter sends it again and gets its answer. Every other record passes.
 * Installed as the console handler's filter by this jar's logging.properties.
 */
public final class StartUpNoiseFilter implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return message == null || !message.contains("Unhandled message: kernel_info_request");
    }
}
