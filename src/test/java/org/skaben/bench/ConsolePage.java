package org.skaben.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.main.Main;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How fast the console is with many devices (a program, not a timed test: the figures go to README): the
 * server with {@code bench.devices} devices registered by hand, the console in headless Chromium; measures
 * how long after signing in the grid shows every device, and, while the journal receives
 * {@code bench.events-per-second} entries a second for 10 s, the longest gap between two frames of the page
 * and the page's long tasks (over 50 ms). Run: {@code mvn -q test-compile exec:java -Pbench
 * -Dbench.main=org.skaben.bench.ConsolePage}.
 */
public final class ConsolePage {

    public static void main(String[] args) {
        try {
            run();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        int devices = Integer.getInteger("bench.devices", 1000);
        int perSecond = Integer.getInteger("bench.events-per-second", 100);
        Main server = BenchServer.startInProcess("console", BenchServer.freePort(), Map.of());
        String base = "http://127.0.0.1:" + server.getCamelContext().resolvePropertyPlaceholders("{{skaben.http.port}}");
        HttpClient http = HttpClient.newHttpClient();
        String[] types = {"lock", "terminal", "rgb", "scl", "pwr", "box"};
        for (int i = 0; i < devices; i++) {
            String uid = String.format(Locale.ROOT, "beac%08x", i);
            call(http, base, "POST", "/api/devices", "{\"uid\": \"" + uid + "\", \"type\": \"" + types[i % types.length] + "\"}");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        try {
            driver.get(base + "/");
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("token")).isDisplayed());
            driver.findElement(By.id("token")).sendKeys("console");
            driver.findElement(By.id("operator")).sendKeys("bench");
            long start = System.nanoTime();
            driver.findElement(By.id("signin-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(20))
                    .until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                            "return document.querySelectorAll('.device').length")).intValue() >= devices);
            long gridMillis = (System.nanoTime() - start) / 1_000_000;

            JavascriptExecutor js = driver;
            js.executeScript("window.benchGap = 0; window.benchLong = []; let last = performance.now();"
                    + "(function frame(now) { window.benchGap = Math.max(window.benchGap, now - last); last = now;"
                    + " requestAnimationFrame(frame); })(performance.now());"
                    + "new PerformanceObserver((l) => l.getEntries().forEach((e) => window.benchLong.push(e.duration)))"
                    + ".observe({type: 'longtask'});");
            long before = ((Number) js.executeScript("return document.querySelectorAll('#journal li').length")).longValue();
            for (int second = 0; second < 10; second++) {
                long tick = System.nanoTime();
                List<CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
                for (int i = 0; i < perSecond; i++) {
                    String uid = String.format(Locale.ROOT, "beac%08x", (second * perSecond + i) % devices);
                    calls.add(http.sendAsync(request(base, "POST", "/api/devices/" + uid + "/sync", null),
                            HttpResponse.BodyHandlers.ofString()));
                }
                calls.forEach(CompletableFuture::join);
                Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - tick) / 1_000_000));
            }
            Thread.sleep(1000);
            double gap = ((Number) js.executeScript("return window.benchGap")).doubleValue();
            List<?> longTasks = (List<?>) js.executeScript("return window.benchLong");
            double longest = longTasks.stream().mapToDouble(o -> ((Number) o).doubleValue()).max().orElse(0);
            System.out.printf(Locale.ROOT, "devices %d: grid shown %d ms after sign-in%n", devices, gridMillis);
            System.out.printf(Locale.ROOT, "journal %d entries/s for 10 s: longest frame gap %.0f ms, long tasks %d "
                    + "(longest %.0f ms), journal rows shown %d (before %d)%n", perSecond, gap, longTasks.size(), longest,
                    ((Number) js.executeScript("return document.querySelectorAll('#journal li').length")).longValue(), before);
        } finally {
            driver.quit();
            server.stop();
        }
    }

    private static HttpRequest request(String base, String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer console").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static void call(HttpClient http, String base, String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(request(base, method, path, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }
}
