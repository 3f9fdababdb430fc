package org.skaben.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Selenium, started so that it can reach nothing but this machine's loopback
 * address (the console must work without internet). Nothing is downloaded: the binary and the driver are
 * the system's. Without them the test is skipped with a message, unless -Dskaben.test.browser=required
 * (CI), where it fails.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    static Browser start(int width, int height) {
        boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        if (!present) {
            String message = "no " + CHROMIUM + " or " + DRIVER + ": browser tests skipped (apt-get install chromium chromium-driver)";
            if ("required".equals(System.getProperty("skaben.test.browser"))) {
                Assertions.fail(message + ", but -Dskaben.test.browser=required");
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-US",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        Browser browser = new Browser(new ChromeDriver(service, options));
        browser.size(width, height);
        return browser;
    }

    WebElement find(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "no visible " + css);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void click(String css) {
        until(d -> {
            try {
                find(css).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException
                     | org.openqa.selenium.ElementClickInterceptedException retry) {
                return false;
            }
        }, "cannot click " + css);
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    <T> T until(Function<WebDriver, T> condition, String what) {
        return until(condition, what, Duration.ofSeconds(15));
    }

    <T> T until(Function<WebDriver, T> condition, String what, Duration timeout) {
        return new WebDriverWait(driver, timeout).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    String text(String css) {
        return find(css).getText();
    }

    /** The viewport (not the window, whose frame headless Chromium counts too) at this size. */
    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        long innerWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
        long innerHeight = ((Number) js.executeScript("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension(width + (int) (width - innerWidth), height + (int) (height - innerHeight)));
    }

    void screenshot(Path target) throws Exception {
        Files.createDirectories(target.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
