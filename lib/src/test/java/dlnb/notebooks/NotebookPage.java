package dlnb.notebooks;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A notebook open in the classic Jupyter Notebook page (Notebook 6), driven the way a student drives it: the Cell and
 * Kernel menus and the confirmation dialog are clicked; the page's own JavaScript API only reads state and adds the
 * probe cell. Autosave is switched off so the notebook file on disk is never written.
 */
final class NotebookPage {
    private final WebDriver driver;
    private final JavascriptExecutor js;
    private final Path screenshots;
    private int shots;

    NotebookPage(WebDriver driver, Path screenshots) throws IOException {
        this.driver = driver;
        this.js = (JavascriptExecutor) driver;
        this.screenshots = Files.createDirectories(screenshots);
        try (var old = Files.newDirectoryStream(screenshots, "*.png")) {
            for (Path png : old) Files.delete(png); // no screenshot of an earlier run left beside this run's
        }
    }

    /** Opens the notebook and waits until its kernel has answered once. */
    void open(String url, Duration timeout) {
        driver.get(url);
        waitFor(timeout, "the notebook page to load", () -> bool(
                "return typeof Jupyter !== 'undefined' && !!Jupyter.notebook && !!Jupyter.notebook.events"
                        + " && Jupyter.notebook._fully_loaded === true"));
        js.executeScript("Jupyter.notebook.set_autosave_interval(0);"
                + "window.dlnbReady = 0; Jupyter.notebook.events.on('kernel_ready.Kernel', function () { window.dlnbReady++; });"
                + "if (Jupyter.notebook.kernel && Jupyter.notebook.kernel.info_reply"
                + "    && Jupyter.notebook.kernel.info_reply.implementation) { window.dlnbReady++; }");
        waitFor(timeout, "the kernel's first answer (kernel_info)", () -> readyCount() > 0);
    }

    /** Cell → Run All, then waits until every code cell has run (a number in its prompt) and the kernel is idle. */
    void runAll(Duration timeout) {
        menu("Cell", "#run_all_cells > a");
        waitFor(Duration.ofSeconds(10), "Run All to start", () -> bool(
                "return Jupyter.notebook.get_cells().some(function (c) { return c.cell_type === 'code'"
                        + " && c.input_prompt_number === '*'; })"));
        waitFor(timeout, "every cell to finish", () -> bool(
                "return Jupyter.notebook.get_cells().filter(function (c) { return c.cell_type === 'code'; })"
                        + ".every(function (c) { return typeof c.input_prompt_number === 'number'; })"
                        + " && document.querySelector('#kernel_indicator_icon').className === 'kernel_idle_icon'"));
    }

    /**
     * Kernel → Restart, confirmed in the dialog; true when the new kernel answered (kernel_info) within the timeout.
     */
    boolean restartKernel(Duration timeout) {
        long before = readyCount();
        menu("Kernel", "#restart_kernel > a");
        WebElement confirm = new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".modal-footer button.btn-danger")));
        confirm.click();
        return poll(timeout, () -> readyCount() > before);
    }

    /** Adds a code cell at the bottom, runs it, and returns its result text, or null when none came within the timeout. */
    String runNewCell(String code, Duration timeout) {
        js.executeScript("var c = Jupyter.notebook.insert_cell_at_bottom('code'); c.set_text(arguments[0]);"
                + "Jupyter.notebook.select(Jupyter.notebook.ncells() - 1); c.execute(); c.element[0].scrollIntoView();", code);
        String script = "var c = Jupyter.notebook.get_cell(Jupyter.notebook.ncells() - 1);"
                + "var r = c.output_area.outputs.filter(function (o) { return o.output_type === 'execute_result'; });"
                + "return r.length ? (r[0].data['text/plain'] || r[0].data['text/html'] || '') : null;";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Object result = js.executeScript(script);
            if (result != null) return result.toString();
            sleep(250);
        }
        return null;
    }

    /** How many code cells have an output of type "error". */
    long cellsWithErrors() {
        return ((Number) js.executeScript("return Jupyter.notebook.get_cells().filter(function (c) {"
                + " return c.cell_type === 'code' && c.output_area.outputs.some(function (o) { return o.output_type === 'error'; });"
                + "}).length;")).longValue();
    }

    /** The text the first code cell shows (its outputs as rendered). */
    String firstCellOutput() {
        return (String) js.executeScript("var c = Jupyter.notebook.get_cells().filter(function (x) { return x.cell_type === 'code'; })[0];"
                + "return c.output_area.element[0].innerText;");
    }

    /** Pictures that finished loading and have a size, in the output of the first code cell whose source contains {@code fragment}. */
    long renderedImagesInCell(String fragment) {
        return ((Number) js.executeScript("var fragment = arguments[0];"
                + "var c = Jupyter.notebook.get_cells().filter(function (x) {"
                + " return x.cell_type === 'code' && x.get_text().indexOf(fragment) >= 0; })[0];"
                + "if (!c) return -1; c.element[0].scrollIntoView();"
                + "return Array.prototype.filter.call(c.output_area.element[0].querySelectorAll('img'),"
                + " function (i) { return i.complete && i.naturalWidth > 0; }).length;", fragment)).longValue();
    }

    /** HTML tables shown in cell outputs. */
    long renderedTables() {
        return ((Number) js.executeScript("return document.querySelectorAll('.output_html table').length;")).longValue();
    }

    /** Saves what the browser shows as NN-name.png and returns the file. */
    Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    private void menu(String menu, String itemSelector) {
        driver.findElement(By.linkText(menu)).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(itemSelector))).click();
    }

    private long readyCount() {
        return ((Number) js.executeScript("return window.dlnbReady || 0;")).longValue();
    }

    private boolean bool(String script) {
        return Boolean.TRUE.equals(js.executeScript(script));
    }

    private void waitFor(Duration timeout, String what, BooleanSupplier condition) {
        if (!poll(timeout, condition)) throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    private static boolean poll(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            sleep(250);
        }
        return condition.getAsBoolean();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
