package dev.farcall.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
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
 * Headless Chromium from Debian's packages, driven by Selenium through {@code
 * /usr/bin/chromedriver} (given explicitly, so Selenium never looks for or downloads a driver),
 * with a fresh profile.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where the tests leave their screenshots, for people to look at. */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static final Duration WAIT = Duration.ofSeconds(120);

  private final Path profile;
  private final ChromeDriver driver;
  private final String baseUrl;

  private Browser(String baseUrl) {
    this.baseUrl = baseUrl;
    this.profile = TestCluster.tempDir("farcall-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(WAIT);
  }

  /** Whether this machine has Debian's Chromium and its driver. */
  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** A browser for the coordinator at {@code baseUrl} (e.g. {@code http://127.0.0.1:1234}). */
  static Browser open(String baseUrl) {
    return new Browser(baseUrl);
  }

  WebDriver driver() {
    return driver;
  }

  /** Opens the dashboard and signs in with {@code token} through the sign-in form. */
  void signIn(String token) {
    driver.get(baseUrl + "/dashboard/");
    // a token of an earlier test may still be kept in this tab: start signed out
    script("sessionStorage.clear(); location.hash = '#/signin'; location.reload()");
    until(d -> d.findElement(By.id("token")));
    driver.findElement(By.id("token")).sendKeys(token);
    driver.findElement(By.id("signin")).click();
    until(
        d ->
            d.findElement(By.id("nav")).isDisplayed()
                && !d.findElements(By.id("programs")).isEmpty());
  }

  /** Goes to a view of the signed-in dashboard, e.g. {@code #/workers}, without reloading. */
  void go(String hash) {
    script("location.hash = arguments[0]", hash);
  }

  WebElement find(String css) {
    return until(d -> d.findElement(By.cssSelector(css)));
  }

  String text(String css) {
    return find(css).getText();
  }

  /** Waits up to a minute for the condition to be true (or non-null). */
  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition::apply);
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * Runs asynchronous JavaScript; it calls {@code arguments[arguments.length - 1]} with a result.
   */
  Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  /** Saves a screenshot as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      TestCluster.deleteRecursively(profile);
    }
  }
}
