package dlnb.notebooks;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Jupyter started the way a student starts it: {@code environment/start.sh} (set-up, then the server on
 * 127.0.0.1 with token authentication), on a free port of its own and with a fresh token. The library is not rebuilt
 * ({@code DLNB_SKIP_BUILD=1}): the build under test is already in lib/target.
 */
final class JupyterServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String token;
    private final Path log;

    private JupyterServer(Process process, int port, String token, Path log) {
        this.process = process;
        this.port = port;
        this.token = token;
        this.log = log;
    }

    static JupyterServer start(Path root, Path log, Map<String, String> environment) throws IOException, InterruptedException {
        int port = freePort();
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(root.resolve("environment/start.sh").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        pb.environment().put("DLNB_PORT", String.valueOf(port));
        pb.environment().put("JUPYTER_TOKEN", token);
        pb.environment().put("DLNB_SKIP_BUILD", "1");
        Process process = pb.start();
        process.getOutputStream().close();
        JupyterServer server = new JupyterServer(process, port, token, log);
        server.awaitAnswer(TimeUnit.MINUTES.toMillis(3));
        return server;
    }

    /** The address of a notebook, with the token, as start.sh prints it for the tree. */
    String notebookUrl(String notebook) {
        return "http://127.0.0.1:" + port + "/notebooks/" + notebook + "?token=" + token;
    }

    private void awaitAnswer(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        URI status = URI.create("http://127.0.0.1:" + port + "/api/status?token=" + token);
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("environment/start.sh ended (exit " + process.exitValue() + ") before the server"
                        + " answered; its output:\n" + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) status.toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) return;
            } catch (IOException notYet) {
                // the server is not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new AssertionError("Jupyter did not answer within " + timeoutMillis / 1000 + " s; output:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the server (start.sh execs Jupyter, so the process is Jupyter's), which shuts its kernels down. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
