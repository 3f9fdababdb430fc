package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.skaben.device.Json;

/**
 * The game master's console in a real browser (Chromium, reaching nothing but the server) against the real
 * server, its embedded broker, virtual devices and MQTT test devices: sign in, the grid and the live journal,
 * the whole standard game from white to black by clicks alone with every device's CUP asserted at each step,
 * a scene restored, a card imported by CSV opening a lock, a device going offline, the phone layout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends SkabenAppTestSupport {

    private static final String LOCK1 = "025abe010001";
    private static final String LOCK2 = "025abe010002";
    private static final String TERMINAL = "025abe020001";
    private static final String SCL = "025abe040001";
    private static final String PWR = "025abe050001";

    private Browser browser;
    private TestDevice lock;
    private final List<TestDevice> others = new ArrayList<>();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("skaben.demo.devices", "lock:2,terminal:1,rgb:1,scl:1,pwr:1",
                "skaben.keepalive.timeout-seconds", "8");
    }

    @BeforeAll
    void openTheBrowser() {
        browser = Browser.start(1400, 900);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    private String device(String uid) {
        return ".device[data-uid='" + uid + "']";
    }

    @SuppressWarnings("unchecked")
    private Object virtualConfig(String uid, String field) throws Exception {
        return ((Map<String, Object>) virtual(uid).get("config")).get(field);
    }

    private Map<String, Object> counter() throws Exception {
        return Json.readObject(http("GET", "/api/alert/counter", null).body());
    }

    private void awaitVirtual(String uid, String field, Object value) throws InterruptedException {
        eventually(() -> {
            try {
                return String.valueOf(value).equals(String.valueOf(virtualConfig(uid, field)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Every device got the CUP of the state: the MQTT test lock receives it, the virtual locks and terminal
     * hold its id as their alert, the virtual scale its name.
     */
    private void everyDeviceGot(String state, int id) throws Exception {
        lock.awaitCup(c -> c instanceof Map<?, ?> m && String.valueOf(id).equals(m.get("alert")), "alert " + id);
        virtualsGot(state, id);
    }

    /** The virtual devices hold the state's config (the MQTT test lock's CUP asserted by the caller). */
    private void virtualsGot(String state, int id) throws Exception {
        for (String uid : List.of(LOCK1, LOCK2, TERMINAL)) {
            awaitVirtual(uid, "alert", id);
        }
        awaitVirtual(SCL, "state", state);
        browser.until(d -> state.equals(browser.find("#alert-banner").getDomAttribute("data-state")), "banner " + state);
    }

    private void view(String name) {
        browser.click("#nav [data-view='" + name + "']");
        browser.find("#view-" + name);
    }

    private void confirm() {
        browser.click("#confirm-ok");
    }

    @Test
    @Order(1)
    void signInThenDevicesAndTheLiveJournal() throws Exception {
        browser.driver.get(base());
        browser.type("#token", TOKEN);
        browser.type("#operator", "Ada");
        browser.click("#signin-submit");
        assertEquals("Ada", browser.text("#who"));
        browser.until(d -> browser.all("#health [data-check]").size() == 3, "three health checks");
        assertTrue(browser.find("#health [data-check='mqtt']").getDomAttribute("class").contains("ok"));

        // a device that connects appears in the grid, without a reload
        lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        browser.find(device(lock.uid()) + "[data-liveness='online']");
        for (String type : List.of("lock", "lock", "terminal", "terminal", "rgb")) {
            TestDevice d = device(type, newUid());
            d.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
            others.add(d);
        }
        for (String uid : List.of(LOCK1, LOCK2, TERMINAL, SCL, PWR)) {
            browser.find(device(uid) + "[data-virtual='true']");
        }

        // a SUP from the device is in the journal within 2 s
        lock.send("sup", "{\"timestamp\": 1, \"datahold\": {\"closed\": false}}");
        long sent = System.nanoTime();
        browser.until(d -> d.findElements(By.cssSelector("#journal li[data-kind='sup'][data-uid='" + lock.uid() + "']"))
                .isEmpty() ? null : true, "the SUP in the journal", Duration.ofSeconds(2));
        assertTrue(System.nanoTime() - sent < Duration.ofSeconds(2).toNanos());
        assertEquals("live", browser.find("#j-mode").getDomAttribute("data-mode"));
        for (TestDevice d : others) {
            browser.find(device(d.uid()));
        }
        // only a device with a problem is marked so (the test devices ask for no ACK: their CUP is pending, no problem)
        browser.until(d -> browser.all(".device.problem").isEmpty(), "no device marked as a problem");
        browser.click("#only-problems");
        browser.until(d -> browser.all(".device").stream().noneMatch(WebElement::isDisplayed), "only problems: none shown");
        browser.click("#only-problems");
        browser.screenshot(Path.of("docs/console.png"));
    }

    @Test
    @Order(2)
    void aSceneIsSavedBeforeTheRun() throws Exception {
        view("scenes");
        browser.type("#scene-form input[name=name]", "before-run");
        browser.click("#scene-form button");
        browser.find("tr[data-scene='before-run']");
        assertEquals(200, http("GET", "/api/scenes/before-run", null).statusCode());
        view("overview");
    }

    @Test
    @Order(3)
    void theGameFromWhiteToBlackByClicksAlone() throws Exception {
        browser.click("[data-set-state='blue']");
        everyDeviceGot("blue", 2);
        awaitVirtual(TERMINAL, "powered", false);

        // the players switch the shield to auxiliary power, then to the reactor
        browser.click(device(PWR) + " [data-act='play-aux']");
        everyDeviceGot("cyan", 3);
        browser.click(device(PWR) + " [data-act='play-pwr']");
        everyDeviceGot("green", 4);
        assertEquals(1, counter().get("value"));

        // wrong cards at a lock: each raises the counter by 50, through yellow to red
        browser.type(device(LOCK1) + " .card-code", "999999");
        for (int i = 1; i <= 20; i++) {
            int expected = Math.min(1000, 1 + 50 * i);
            browser.click(device(LOCK1) + " [data-act='play-card']");
            eventually(() -> {
                try {
                    return Integer.valueOf(expected).equals(counter().get("value"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            if (i == 10) {
                everyDeviceGot("yellow", 5);
            }
        }
        everyDeviceGot("red", 6);
        browser.until(d -> browser.text("#alert-counter").contains("1000"), "counter 1000 on the banner");

        // black asks first; cancelled, nothing changes
        browser.click("[data-set-state='black']");
        browser.click("#confirm-cancel");
        assertEquals("red", counter().get("state"));
        browser.click("[data-set-state='black']");
        confirm();
        lock.awaitCup(c -> c instanceof Map<?, ?> m && "7".equals(m.get("alert")) && Boolean.TRUE.equals(m.get("blocked"))
                && Boolean.TRUE.equals(m.get("closed")), "black: closed and blocked");
        virtualsGot("black", 7);
        awaitVirtual(LOCK1, "blocked", true);
        awaitVirtual(TERMINAL, "powered", false);
        // the clicks are journaled with the operator's name
        assertTrue(db().queryForObject("SELECT COUNT(*) FROM event WHERE source = 'operator:Ada'", Integer.class) >= 2);
    }

    @Test
    @Order(4)
    void restoringTheSceneBringsEveryDeviceBack() throws Exception {
        view("scenes");
        browser.click("[data-restore='before-run']");
        confirm();
        lock.awaitCup(c -> c instanceof Map<?, ?> m && "1".equals(m.get("alert")) && Boolean.FALSE.equals(m.get("blocked")),
                "white, unblocked");
        for (String uid : List.of(LOCK1, LOCK2)) {
            awaitVirtual(uid, "alert", 1);
            awaitVirtual(uid, "blocked", false);
        }
        assertEquals("white", counter().get("state"));
        view("overview");
        browser.until(d -> "white".equals(browser.find("#alert-banner").getDomAttribute("data-state")), "banner white");
    }

    @Test
    @Order(5)
    void aCardImportedByCsvOpensALock() throws Exception {
        browser.click("[data-set-state='blue']");
        everyDeviceGot("blue", 2);
        browser.click(device(LOCK2) + " [data-act='close']");
        awaitVirtual(LOCK2, "closed", true);

        view("cards");
        browser.type("#csv-text", "name;description;code\nCarol;engineer;333333\n");
        browser.click("#csv-preview");
        browser.until(d -> browser.find("#csv-import").isEnabled(), "import enabled after the preview");
        assertTrue(browser.text("#csv-result").contains("333333"), browser.text("#csv-result"));
        assertEquals(404, http("GET", "/api/cards/333333", null).statusCode(), "the preview imports nothing");
        browser.click("#csv-import");
        browser.find("tr[data-card='333333']");
        browser.click("td.perm[data-card='333333'][data-lock='" + LOCK2 + "'] input[value='blue']");
        eventually(() -> {
            try {
                return String.valueOf(virtualConfig(LOCK2, "acl")).contains("333333");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        view("overview");
        long mark = journalMark();
        browser.type(device(LOCK2) + " .card-code", "333333");
        browser.click(device(LOCK2) + " [data-act='play-card']");
        eventually(() -> db().queryForList("SELECT detail FROM event WHERE uid = ? AND kind = 'access-granted' AND id > ?",
                LOCK2, mark));
        browser.find("#journal li[data-kind='access-granted'][data-uid='" + LOCK2 + "']");
    }

    @Test
    @Order(6)
    void aDeviceThatStopsTurnsOfflineAndThePhoneReachesWhatMatters() throws Exception {
        lock.close();
        browser.until(d -> d.findElements(By.cssSelector(device(lock.uid()) + "[data-liveness='offline']")).isEmpty() ? null : true,
                "the stopped device offline", Duration.ofSeconds(30));
        browser.find(device(lock.uid()) + ".problem");

        browser.size(390, 844);
        browser.driver.navigate().refresh();
        WebElement banner = browser.find("#alert-banner");
        assertTrue(banner.getRect().getWidth() <= 390, "the banner fits the phone");
        for (String css : List.of("#state-buttons [data-set-state='red']", "#journal li", device(LOCK1) + " [data-act='open']")) {
            WebElement element = browser.find(css);
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
            assertTrue(element.isDisplayed(), css + " reachable");
            int right = element.getRect().getX() + element.getRect().getWidth();
            assertTrue(right <= 390, css + " within the screen's width: " + right);
        }
        ((JavascriptExecutor) browser.driver).executeScript("window.scrollTo(0, 0)");
        browser.screenshot(Path.of("docs/console-phone.png"));
    }

    @Test
    @Order(7)
    void theDeviceDialogEditsDeletesAndReplacesAndTheConsoleSpeaksRussian() throws Exception {
        browser.size(1400, 900);
        TestDevice second = others.get(0);
        browser.click(device(second.uid()) + " [data-act='details']");
        browser.type("#dev-config", "{\"timer\": ");
        browser.until(d -> !browser.text("#dev-error").isEmpty(), "bad JSON named");
        browser.type("#dev-config", "{\"timer\": 7}");
        browser.click("#dev-save");
        second.awaitCup(c -> c instanceof Map<?, ?> m && Integer.valueOf(7).equals(m.get("timer")), "timer 7 (merged)");
        Map<?, ?> config = (Map<?, ?>) Json.readObject(http("GET", "/api/devices/" + second.uid(), null).body()).get("config");
        assertEquals(7, config.get("timer"));
        assertEquals(true, config.get("closed"), "merged: the other fields stay");

        TestDevice third = others.get(1);
        String next = newUid();
        browser.click(device(third.uid()) + " [data-act='details']");
        browser.type("#dev-new-uid", next);
        browser.click("#dev-replace");
        confirm();
        browser.find(device(next));
        eventually(() -> {
            try {
                return http("GET", "/api/devices/" + third.uid(), null).statusCode() == 404;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        browser.click(device(next) + " [data-act='details']");
        browser.click("#dev-delete");
        browser.click("#confirm-cancel");
        assertEquals(200, http("GET", "/api/devices/" + next, null).statusCode(), "cancelled: still there");
        browser.click("#dev-delete");
        confirm();
        browser.until(d -> browser.all(device(next)).isEmpty(), "the deleted device leaves the grid");
        assertEquals(404, http("GET", "/api/devices/" + next, null).statusCode());

        new org.openqa.selenium.support.ui.Select(browser.find("#app select.lang")).selectByValue("ru");
        assertEquals("Обзор", browser.text("#nav [data-view='overview']"));
        new org.openqa.selenium.support.ui.Select(browser.find("#app select.lang")).selectByValue("en");
        assertEquals("Overview", browser.text("#nav [data-view='overview']"));
    }

    @Test
    @Order(8)
    void statesConfigsHistoryAndDeadLetters() throws Exception {
        view("states");
        browser.find("#history-chart svg circle");
        browser.find("tr[data-state='red']");
        String box = ".simple[data-type='rgb'][data-state='white']";
        browser.type(box + " textarea", "{\"rgb\": ");
        browser.click(box + " [data-save-simple]");
        browser.until(d -> !browser.text(box + " .error").isEmpty(), "bad JSON named");
        assertEquals(404, http("GET", "/api/simple-configs/rgb/white", null).statusCode(), "nothing saved");
        browser.type(box + " textarea", "{\"rgb\": \"ff0000\"}");
        browser.click(box + " [data-save-simple]");
        eventually(() -> {
            try {
                return http("GET", "/api/simple-configs/rgb/white", null).body().contains("ff0000");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        browser.screenshot(Path.of("target/console-states.png"));
        view("cards");
        browser.find("tr[data-card='333333']");
        browser.screenshot(Path.of("target/console-cards.png"));
        view("dead");
        browser.find("#view-dead table");
    }
}
