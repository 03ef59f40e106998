package io.streamsuite.kit.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * A service's dashboard page in a real headless Chromium: Debian's {@code chromium} and
 * {@code chromium-driver} (paths fixed, so Selenium Manager never downloads anything), a fresh
 * profile per page, and what a test needs to read the page as a user sees it.
 */
public final class DashboardBrowser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("streamsuite.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("streamsuite.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private DashboardBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Opens {@code url} (e.g. {@code baseUrl + "/#token=..."}) in a 1440x1760 window. */
    public static DashboardBrowser open(String url) {
        Path profile = ScratchDirs.create("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1440,1760", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        DashboardBrowser browser = new DashboardBrowser(driver, profile);
        browser.load(url);
        return browser;
    }

    /**
     * Navigates and waits for the document to be complete. On a loaded machine Chromium can end a navigation on
     * its own error page (or return before the document is parsed): the page is asked again, up to three times.
     */
    private void load(String url) {
        for (int attempt = 1; ; attempt++) {
            driver.get(url);
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> "complete".equals(script("return document.readyState")));
            String href = String.valueOf(script("return location.href"));
            if (href.startsWith("http")) {
                return;
            }
            if (attempt == 3) {
                throw new IllegalStateException("the browser did not load " + url + "; it shows " + href);
            }
        }
    }

    /** Waits until the page has drawn its charts with at least {@code points} points each and painted them. */
    public void awaitChartsDrawn(int points, Duration timeout) {
        new WebDriverWait(driver, timeout).withMessage(() -> "charts never drew; status: " + text(By.id("status")))
                .until(d -> Boolean.TRUE.equals(script("""
                        const charts = [...document.querySelectorAll('.chart')];
                        return document.body.dataset.drawn === 'true' && charts.length > 0
                          && charts.every(c => Number(c.dataset.points || 0) >= arguments[0]
                                && [...c.querySelectorAll('canvas')].some(canvas => {
                                     const ctx = canvas.getContext('2d');
                                     const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                                     for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
                                     return false;
                                   }));""", points)));
    }

    /** Polls until {@code condition} holds, for pages that update once a second. */
    public void await(String what, Duration timeout, Supplier<Boolean> condition) {
        new WebDriverWait(driver, timeout).withMessage(() -> what).until(d -> condition.get());
    }

    /** The text of the element marked {@code data-figure="name"}. */
    public String figure(String name) {
        return text(By.cssSelector("[data-figure='" + name + "']"));
    }

    public String text(By locator) {
        List<WebElement> found = driver.findElements(locator);
        return found.isEmpty() ? null : found.get(0).getText();
    }

    /** Bars of a bar panel as label → value text, in the order shown. */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> bars(String panelSelector) {
        return (List<Map<String, String>>) script("""
                return [...document.querySelectorAll(arguments[0] + ' .bar-row')]
                  .map(row => ({label: row.dataset.label, value: row.dataset.value}));""", panelSelector);
    }

    /** Rows of the first table in the panel, as cell texts. */
    @SuppressWarnings("unchecked")
    public List<List<String>> tableRows(String panelSelector) {
        return (List<List<String>>) script("""
                const table = document.querySelector(arguments[0] + ' table');
                if (!table) return [];
                return [...table.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(td => td.textContent));""",
                panelSelector);
    }

    /** The points a service's LINE panel has drawn: uPlot's data, x (epoch seconds) first, then each line. */
    @SuppressWarnings("unchecked")
    public List<List<Object>> lineData(String panelSelector) {
        return (List<List<Object>>) script("""
                const chart = document.querySelector(arguments[0] + ' .chart');
                return chart && chart.uplot ? chart.uplot.data.map(series => [...series]) : null;""", panelSelector);
    }

    /** The newest value a LINE panel shows above its chart for the line headed {@code label}. */
    public String newestOfLine(String panelSelector, String label) {
        return (String) script("""
                const figure = [...document.querySelectorAll(arguments[0] + ' [data-series]')]
                  .find(b => b.dataset.series === arguments[1]);
                return figure ? figure.textContent : null;""", panelSelector, label);
    }

    /** A JSON value as the page writes it in a cell: lists joined by ", ", strings bare, numbers as JavaScript prints them. */
    public static String shown(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            return String.join(", ", value.valueStream().map(DashboardBrowser::shown).toList());
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNumber()) {
            return number(value.asDouble());
        }
        return value.toString();
    }

    /** A list of records as a column with parts shows it: "first (second, third), ...". */
    public static String shown(JsonNode list, String... parts) {
        return String.join(", ", list.valueStream().map(item -> {
            String first = shown(item.at(parts[0]));
            if (parts.length == 1) {
                return first;
            }
            List<String> rest = Arrays.stream(parts).skip(1).map(part -> shown(item.at(part))).toList();
            return first + " (" + String.join(", ", rest) + ")";
        }).toList());
    }

    /** How many nodes the topology graph drew (0 before it has drawn). */
    public int topologyNodes() {
        Object nodes = script("return document.getElementById('topology').dataset.nodes");
        return nodes == null ? 0 : Integer.parseInt(nodes.toString());
    }

    /** A number as JavaScript's String(n) writes it for the values a dashboard shows (no exponent forms). */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    public Object script(String javascript, Object... args) {
        return driver.executeScript(javascript, args);
    }

    /** Console entries at SEVERE (errors, failed requests) since the page opened. */
    public List<LogEntry> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    /** The whole page, however long: the window grows to the page's height (at most 4000 px) first. */
    public Path screenshot(Path file) {
        try {
            // Twice: the page reflows at the new size (charts resize), and the window's frame is not all viewport.
            for (int i = 0; i < 2; i++) {
                long page = ((Number) script("return document.documentElement.scrollHeight")).longValue();
                long viewport = ((Number) script("return window.innerHeight")).longValue();
                int window = driver.manage().window().getSize().getHeight();
                driver.manage().window().setSize(new Dimension(1440, (int) Math.min(4000, Math.max(600, window + page - viewport))));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            ScratchDirs.deleteQuietly(profile);
        }
    }
}
