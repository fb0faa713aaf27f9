package dk.consenthub.support;

import java.io.File;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driving the running hub's admin page, through Debian's chromium and chromedriver. Selenium
 * Manager is never asked to download anything: without the two binaries the test fails, it does not skip.
 */
public final class Browser implements AutoCloseable {

    static final File CHROMIUM = new File(System.getProperty("hub.test.chromium", "/usr/bin/chromium"));
    static final File CHROMEDRIVER = new File(System.getProperty("hub.test.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, int port) {
        this.driver = driver;
        this.base = "http://localhost:" + port;
    }

    public static Browser open(int port) {
        for (File binary : new File[] {CHROMIUM, CHROMEDRIVER}) {
            if (!binary.canExecute()) {
                throw new IllegalStateException(binary + " is missing: apt-get install -y chromium chromium-driver"
                        + " (.ci/run installs them)");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, port);
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    /** The current page's path, without the query. */
    public String path() {
        String path = driver.getCurrentUrl().substring(base.length());
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    public WebElement find(String id) {
        return waitFor(By.id(id));
    }

    public WebElement waitFor(By locator) {
        return wait(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    public Browser logIn(String user, String password) {
        go("/admin/login");
        find("username").sendKeys(user);
        find("password").sendKeys(password);
        find("sign-in").click();
        return this;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
