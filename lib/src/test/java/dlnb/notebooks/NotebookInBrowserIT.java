package dlnb.notebooks;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The student's path, in a real browser: environment/start.sh, notebook 00 opened in headless Chromium, Cell → Run
 * All, then Kernel → Restart a few times with a cell run after each. Screenshots go to lib/target/browser-test/.
 * Needs Debian's chromium and chromium-driver (environment/test.sh installs them); skipped, saying so, without them.
 * {@code -Dbrowser.restarts=N} sets the number of restarts (default 3).
 */
class NotebookInBrowserIT {
    private static final String NOTEBOOK = "00-environment-check.ipynb";
    private static final Path NOTEBOOKS = Path.of(System.getProperty("notebooks.dir", "../notebooks")).toAbsolutePath().normalize();
    private static final Path OUTPUT = Path.of(System.getProperty("browser.outputDir", "target/browser-test"));
    private static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    private static final int RESTARTS = Integer.getInteger("browser.restarts", 3);
    private static final Duration ANSWER = Duration.ofSeconds(60);

    @Test
    void notebook00RunsAllInChromiumAndItsKernelAnswersAfterEveryRestart() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), () -> {
            String why = "[browser] SKIPPED the browser test: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing."
                    + " environment/test.sh installs Debian's chromium and chromium-driver when it runs as root with apt-get;"
                    + " otherwise install them (sudo apt-get install chromium chromium-driver) and run the tests again.";
            System.out.println(why);
            return why;
        });
        Path notebookFile = NOTEBOOKS.resolve(NOTEBOOK);
        byte[] committed = Files.readAllBytes(notebookFile);
        Map<String, String> quickMode = Map.of(
                "DATASET_LIMIT", System.getProperty("notebooks.datasetLimit", "6000"),
                "MAX_EPOCH", System.getProperty("notebooks.maxEpoch", "2"));
        Path profile = Files.createTempDirectory("dlnb-chromium-profile");
        ChromeDriver driver = null;
        try (JupyterServer server = JupyterServer.start(NOTEBOOKS.getParent(), OUTPUT.resolve("start.log"), quickMode)) {
            driver = chromium(profile);
            NotebookPage page = new NotebookPage(driver, OUTPUT);
            page.open(server.notebookUrl(NOTEBOOK), Duration.ofMinutes(2));
            page.runAll(Duration.ofMinutes(10));
            page.screenshot("run-all-top");

            String first = page.firstCellOutput().strip();
            System.out.println("[browser] the first cell shows: " + first);
            assertTrue(!first.isEmpty() && first.lines().count() <= 1, "the first cell should show at most one line:\n" + first);
            assertEquals(0, page.cellsWithErrors(), "cells show errors");
            long tables = page.renderedTables();
            assertTrue(tables >= 1, "no HTML table rendered");
            long digitImages = page.renderedImagesInCell("DigitGrid");
            page.screenshot("digit-grid");
            assertTrue(digitImages >= 1, "the digit grid did not render as an image");
            System.out.printf("[browser] Run All: no errors, %d table(s), digit grid rendered%n", tables);

            List<String> hangs = new ArrayList<>();
            for (int i = 1; i <= RESTARTS; i++) {
                long start = System.nanoTime();
                boolean answered = page.restartKernel(ANSWER);
                String result = answered ? page.runNewCell("1+1", ANSWER) : null;
                double seconds = (System.nanoTime() - start) / 1e9;
                page.screenshot("restart-" + i);
                if (result == null || !result.strip().equals("2")) {
                    hangs.add("restart " + i + (answered ? ": 1+1 gave " + result : ": no kernel_info answer") + " after " + Math.round(seconds) + " s");
                }
                System.out.printf("[browser] restart %d of %d: %s in %.1f s%n", i, RESTARTS,
                        result == null ? "NO ANSWER" : "1+1 = " + result.strip(), seconds);
            }
            System.out.printf("[browser] %d of %d restarts hung%n", hangs.size(), RESTARTS);
            assertTrue(hangs.isEmpty(), "the kernel did not answer after " + hangs);
        } finally {
            if (driver != null) driver.quit();
            deleteTree(profile);
        }
        assertArrayEquals(committed, Files.readAllBytes(notebookFile), NOTEBOOK + " was changed on disk by the browser session");
    }

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1600");
        // The driver is named outright, so Selenium never looks for one elsewhere.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
