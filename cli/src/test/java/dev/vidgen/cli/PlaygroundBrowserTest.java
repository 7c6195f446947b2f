package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code vidgen serve} in a real browser: headless Chromium from Debian's packages, driven through
 * Debian's chromedriver (given explicitly, so Selenium never looks for or downloads one). Walks
 * the page on the mock as a designer would, from picking the model to finding the video again
 * after a reload. Screenshots at 1440 and 375 px wide are left in {@code target/playground/}.
 */
@Timeout(180)
class PlaygroundBrowserTest {
  private static final Path CHROMIUM = Path.of(System.getProperty("vidgen.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("vidgen.chromedriver", "/usr/bin/chromedriver"));
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String PROMPT = "Slow push-in on the bottle, soft studio light";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path home;
  @TempDir Path work;
  @TempDir Path browserProfile;

  /** The {@code vidgen serve} runs of a test, the last one the page talks to. */
  private final List<Serve> servers = new ArrayList<>();
  private ChromeDriverService service;
  private ChromeDriver browser;

  /** One {@code vidgen serve} in a thread of this JVM, with its own output. */
  private record Serve(Thread thread, StringWriter out, StringWriter err, AtomicInteger exit) {
    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join(Duration.ofSeconds(20).toMillis());
      assertThat(thread.isAlive()).as("vidgen serve stops when asked").isFalse();
      assertThat(exit.get()).as("vidgen serve's exit code; stderr:\n" + err).isZero();
      assertThat(err.toString()).contains("the playground stopped");
    }
  }

  @BeforeEach
  void startBrowser() {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "no Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver); the browser test is skipped");
    assumeTrue(Files.isExecutable(CHROMEDRIVER),
        "no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver); the browser test is skipped");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + browserProfile, "--window-size=1440,1600", "--autoplay-policy=no-user-gesture-required");
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (browser != null) {
      browser.quit();
    }
    for (Serve serve : servers) {
      if (serve.thread().isAlive()) {
        serve.stop();
      }
    }
  }

  /**
   * A wait that looks again when the page redrew an element it was reading (history cards are redrawn
   * as their tasks move), instead of failing on the stale element.
   */
  private FluentWait<WebDriver> patient(Duration timeout) {
    return new WebDriverWait(browser, timeout).ignoring(StaleElementReferenceException.class);
  }

  /**
   * Finds and reads in one go, starting again from the find when the page redrew the element between two calls of the
   * driver. Unlike a wait it takes the first read whatever it says, and a missing element fails at once.
   */
  private <T> T read(Function<WebDriver, T> findAndRead) {
    return new FluentWait<WebDriver>(browser).withTimeout(WAIT).pollingEvery(Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class)
        .until(driver -> Optional.ofNullable(findAndRead.apply(driver)))
        .orElse(null);
  }

  /** The text of the element, found and read in one go (see {@link #read}). */
  private String textOf(By element) {
    return read(driver -> driver.findElement(element).getText());
  }

  /** Finds and clicks in one go, finding it again when the page redrew it before the click landed. */
  private void click(By element) {
    read(driver -> {
      driver.findElement(element).click();
      return true;
    });
  }

  /** Starts {@code vidgen serve} on the mock (tasks take 8 s) and opens its page once it is ready. */
  private String openOnTheMock(String port) {
    String url = serve(Map.of(), "--port", port, "--set", "mock.duration=8s");
    openPage(url);
    return url;
  }

  /** Starts {@code vidgen serve} on the fake ToAPIs and opens its page once it is ready. */
  private void openOnTheFake(FakeToApisServer fake) {
    openPage(serve(Map.of("TOAPIS_API_KEY", fake.apiKey()), "--port", "0", "--base-url", fake.baseUrl()));
  }

  /** Starts {@code vidgen serve} with these options and waits for its address. */
  private String serve(Map<String, String> env, String... options) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("VIDGEN_HOME", home.toString());
    List<String> args = new ArrayList<>(List.of("serve", "--poll-interval", "250ms"));
    args.addAll(List.of(options));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    CliContext context = new CliContext(all, new PrintWriter(out, true), new PrintWriter(err, true), () -> false, work);
    Thread thread = new Thread(() -> exit.set(Main.run(context, args.toArray(String[]::new))), "vidgen-serve-under-test");
    Serve serve = new Serve(thread, out, err, exit);
    servers.add(serve);
    thread.start();
    return awaitUrl(serve);
  }

  private void openPage(String url) {
    browser.get(url);
    awaitReady();
  }

  private void awaitReady() {
    patient(WAIT).until(driver -> "true".equals(driver.findElement(By.tagName("body"))
        .getAttribute("data-ready")));
  }

  @Test
  void walksFromTheModelToTheVideoAndFindsItAgainAfterAReload() throws Exception {
    openOnTheMock("0");
    FluentWait<WebDriver> wait = patient(WAIT);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-images"), "image"));
    List<String> notes = read(driver -> driver.findElements(By.cssSelector("#warnings li")).stream()
        .map(WebElement::getText).toList());
    assertThat(notes).as("notes the fresh page gives about its own sample prompt and defaults").isEmpty();

    new Select(browser.findElement(By.id("model"))).selectByValue(MODEL);
    List<String> offered = read(driver -> driver.findElements(By.cssSelector("input[name=seconds]")).stream()
        .map(radio -> radio.getAttribute("value")).toList());
    assertThat(offered).as("durations offered for " + MODEL).containsExactly("10", "15");

    WebElement prompt = browser.findElement(By.id("prompt"));
    prompt.clear();
    prompt.sendKeys(PROMPT);
    assertThat(browser.findElement(By.id("prompt-counter")).getText()).isEqualTo(PROMPT.length() + " / 1200");

    assertThat(browser.findElement(By.id("images-required")).getText()).contains("required");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-images"), "image"));
    assertThat(browser.findElement(By.id("generate")).isEnabled()).as("Generate while the image is missing").isFalse();

    Path notAnImage = Files.writeString(work.resolve("notes.png"), "a shopping list, not a picture");
    browser.findElement(By.id("file")).sendKeys(notAnImage.toString());
    wait.until(driver -> {
      String said = driver.findElement(By.id("err-images")).getText();
      return said.startsWith("notes.png: ") && said.lines().count() >= 2; // the refusal, then the check's own word
    });

    for (String notAWebAddress : List.of("javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd")) {
      browser.findElement(By.id("image-url")).sendKeys(notAWebAddress, Keys.ENTER);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-images"), "is not an http(s) address"));
      assertThat(browser.findElements(By.cssSelector("#thumbs li"))).as("tiles after adding " + notAWebAddress)
          .isEmpty();
      assertThat(browser.findElement(By.id("image-url")).getAttribute("aria-invalid")).isEqualTo("true");
      browser.findElement(By.id("image-url")).clear();
    }

    Path product = repositoryFile("docs/examples/product.png");
    browser.findElement(By.id("file")).sendKeys(product.toString());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#thumbs img")));
    wait.until(driver -> driver.findElement(By.id("err-images")).getText().isEmpty());
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));

    wait.until(ExpectedConditions.textToBe(By.id("price"), "20 credits · $0.10"));
    click(By.cssSelector("label[for=seconds-15]"));
    wait.until(ExpectedConditions.textToBe(By.id("price"), "30 credits · $0.15"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));

    String pageBody = browser.findElement(By.id("preview-body")).getText();
    assertThat(pageBody).isEqualTo(dryRunBody(product));
    assertThat(browser.findElement(By.id("command-text")).getAttribute("textContent"))
        .contains("vidgen generate --model " + MODEL, "--prompt '" + PROMPT + "'", "--seconds 15");

    browser.findElement(By.id("generate")).click();
    assertThat(browser.switchTo().activeElement().getAttribute("id")).as("where the keyboard's focus is after Generate")
        .isEqualTo("h-result");
    FluentWait<WebDriver> generation = patient(Duration.ofSeconds(60));
    generation.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-status"), "Generating"));
    generation.until(driver -> progress() > 0);
    assertThat(browser.findElement(By.id("elapsed")).getText()).startsWith("Elapsed");
    String taskLine = browser.findElement(By.id("task-line")).getText();
    String taskId = taskLine.substring(0, taskLine.indexOf(' '));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), taskId));
    assertThat(browser.findElement(By.id("same-job")).getText()).as("the same form again makes another take, free here")
        .startsWith("You generated this exact job just now (task " + taskId)
        .endsWith("Generating again makes another take (the mock provider charges nothing).");

    browser.navigate().refresh();
    awaitReady();
    assertThat(browser.findElement(By.id("task-line")).getText()).as("the running job, picked up after a reload")
        .startsWith(taskId);
    generation.until(ExpectedConditions.visibilityOfElementLocated(By.id("video")));
    generation.until(driver -> videoDuration("video") > 0);
    assertThat(browser.findElement(By.id("task-status")).getText()).isEqualTo("Done");
    assertThat(browser.findElement(By.id("download")).getAttribute("href")).endsWith("/videos/" + taskId + ".mp4");
    assertThat(Files.list(home.resolve("playground/videos")).map(p -> p.getFileName().toString()))
        .contains(taskId + ".mp4");

    screenshot(1440, 1600, "playground-1440.png");
    screenshot(375, 2400, "playground-375.png");
    assertNoSidewaysScrollingAt375();
    assertThat(((JavascriptExecutor) browser).executeScript("return [...document.querySelectorAll("
        + "'select, textarea, input:not([type=file]):not([type=radio]), button, video')].filter(e => !e.closest('[hidden]'))"
        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
        + ".map(e => e.id || e.outerHTML)")).as("controls without a label").isEqualTo(List.of());

    browser.navigate().refresh();
    awaitReady();
    By item = By.cssSelector("#history-list li[data-task='" + taskId + "']");
    // The card is found again for each read: the page rebuilds it when a task event changes it.
    String itemText = wait.until(driver -> driver.findElement(item).getText());
    assertThat(itemText).contains("Done", "quoted 30 credits · $0.15, nothing charged (mock)", MODEL, PROMPT);
    assertThat(browser.findElements(By.cssSelector("#history-list li[data-task='" + taskId + "'] video"))).hasSize(1);

    // Clicked as the element, not at its place on the page: the list may still shift as the page settles
    // after the reload, and a click at the old place would land on whatever moved there (an example chip).
    // Found, judged and clicked in one go, so that a card rebuilt meanwhile is looked at again.
    boolean pressable = read(driver -> {
      WebElement useSettings = driver.findElement(item).findElement(By.xpath(".//button[text()='Use these settings']"));
      boolean canPress = useSettings.isDisplayed() && useSettings.isEnabled();
      if (canPress) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", useSettings);
      }
      return canPress;
    });
    assertThat(pressable).as("a button a person can press").isTrue();
    assertThat(browser.findElement(By.id("prompt")).getAttribute("value")).isEqualTo(PROMPT);
    boolean fifteenSeconds = read(driver -> driver.findElement(By.id("seconds-15")).isSelected());
    assertThat(fifteenSeconds).isTrue();
    wait.until(ExpectedConditions.textToBe(By.id("price"), "30 credits · $0.15"));
  }

  @Test
  void typingLeavesTheLiveRegionsWhoseWordsStayTheSameUntouchedSoAScreenReaderDoesNotRepeatThem() {
    openOnTheMock("0");
    JavascriptExecutor page = (JavascriptExecutor) browser;
    // Counts the checks the page sends and those answered, and every change inside the live regions watched.
    page.executeScript("window.__checks = {sent: 0, done: 0}; const send = window.fetch;"
        + " window.fetch = (...args) => { const check = String(args[0]).includes('/api/check');"
        + " if (check) window.__checks.sent++;"
        + " return send(...args).finally(() => { if (check) window.__checks.done++; }); };"
        + " window.__changes = 0; const watch = new MutationObserver(list => { window.__changes += list.length; });"
        + " for (const id of ['err-images', 'err-mode', 'err-prompt', 'err-other', 'warnings', 'price'])"
        + " watch.observe(document.getElementById(id), {childList: true, characterData: true, subtree: true});");
    String regions = "return ['err-images', 'err-mode', 'err-prompt', 'err-other', 'price']"
        + ".map(id => document.getElementById(id).textContent).join(' | ')";
    WebElement prompt = browser.findElement(By.id("prompt"));
    prompt.sendKeys("x");
    awaitChecksAnswered(page, 1);
    Object before = page.executeScript(regions);
    page.executeScript("window.__changes = 0");

    for (String key : List.of("a", "b", "c", "d")) {
      long sent = ((Number) page.executeScript("return window.__checks.sent")).longValue();
      prompt.sendKeys(key);
      awaitChecksAnswered(page, sent + 1);
    }

    assertThat(before).as("the job still lacks its image, so some region has words").asString().contains("image");
    assertThat(page.executeScript(regions)).isEqualTo(before);
    assertThat(((Number) page.executeScript("return window.__changes")).intValue())
        .as("no live region rewritten with the same words").isZero();
  }

  /** Waits until the page has sent at least {@code sent} checks and every check sent has its answer. */
  private void awaitChecksAnswered(JavascriptExecutor page, long sent) {
    patient(WAIT).until(driver -> Boolean.TRUE.equals(page.executeScript(
        "return window.__checks.sent >= arguments[0] && window.__checks.done === window.__checks.sent"
            + " && !state.checkPending", sent)));
  }

  @Test
  void leavesTheAspectRatioOutWhereTheModeTakesNone() {
    openOnTheMock("0");
    FluentWait<WebDriver> wait = patient(WAIT);

    new Select(browser.findElement(By.id("model"))).selectByValue("wan2.6");
    browser.findElement(By.id("prompt")).sendKeys("A red kite over the sea");
    assertThat(browser.findElement(By.id("ratio-field")).isDisplayed()).as("text-to-video takes a ratio").isTrue();
    browser.findElement(By.id("file")).sendKeys(repositoryFile("docs/examples/product.png").toString());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#thumbs img")));

    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("ratio-field")));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
    assertThat(browser.findElement(By.id("err-aspect-ratio")).getText()).isEmpty();
    assertThat(browser.findElement(By.id("preview-body")).getText()).contains("image_urls").doesNotContain("aspect_ratio");
  }

  @Test
  void takesInputVideosByAddressWhereTheModeTakesThem() {
    openOnTheMock("0");
    FluentWait<WebDriver> wait = patient(WAIT);
    assertThat(browser.findElement(By.id("videos-field")).isDisplayed()).as("the default model takes no video").isFalse();

    new Select(browser.findElement(By.id("model"))).selectByValue("seedance-2-5");
    new Select(browser.findElement(By.id("mode"))).selectByValue("video-edit");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("videos-field")));
    assertThat(browser.findElement(By.id("videos-required")).getText()).isEqualTo("required: 1 to 10");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-videos"), "0 given"));
    browser.findElement(By.id("videos")).sendKeys("https://cdn.example.com/clip.mp4");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-body"), "clip.mp4"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
    assertThat(browser.findElement(By.id("err-videos")).getText()).isEmpty();
    List<String> ratios = read(driver -> new Select(driver.findElement(By.id("aspect-ratio"))).getOptions().stream()
        .map(WebElement::getText).toList());
    assertThat(ratios).as("the one ratio edits take").containsExactly("adaptive");
    assertThat(browser.findElement(By.id("preview-body")).getText())
        .contains("\"video_urls\":[\"https://cdn.example.com/clip.mp4\"]", "\"aspect_ratio\":\"adaptive\"");
    assertThat(browser.findElement(By.id("command-text")).getAttribute("textContent"))
        .contains("--video https://cdn.example.com/clip.mp4");

    browser.findElement(By.cssSelector("#advanced-field summary")).click();
    browser.findElement(By.id("param-seed")).sendKeys("7");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-body"), "\"seed\":7"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
    browser.findElement(By.id("param-seed")).sendKeys(Keys.ENTER);
    assertThat(browser.findElement(By.id("result")).isDisplayed()).as("Enter in an option field generates").isFalse();
  }

  @Test
  void sendsOnlyByItsButtonOnceAtATimeAndKeepsEachAnswerInView() {
    try (FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(2)).start()) {
      openOnTheFake(fake);
      FluentWait<WebDriver> wait = patient(WAIT);
      String image = "https://cdn.example.com/catalogue/2026/spring/product-shots/bottle-front-studio-light.png";
      fillIn("Enter test", image);
      assertThat(textOf(By.cssSelector("#thumbs li"))).as("the image by address, added by Enter").contains(image);
      assertThat(browser.findElements(By.cssSelector("#thumbs li img"))).as("a picture the page may not load").isEmpty();
      browser.findElement(By.id("image-url")).sendKeys(Keys.ENTER);
      assertThat(browser.findElement(By.id("result")).isDisplayed()).as("Enter in the address field generates").isFalse();
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
      assertNoSidewaysScrollingAt375();

      // A create that takes its time: editing the form meanwhile must not offer a second, paid, Generate.
      fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(10)));
      WebElement generate = browser.findElement(By.id("generate"));
      generate.click();
      wait.until(ExpectedConditions.textToBe(By.id("generate"), "Sending…"));
      browser.findElement(By.id("prompt")).sendKeys(" again");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-body"), "Enter test again"));
      assertThat(generate.isEnabled()).as("Generate while the create is on its way").isFalse();
      assertThat(generate.getText()).isEqualTo("Sending…");

      browser.navigate().refresh();
      awaitReady();
      String note = wait.until(driver -> driver.findElement(By.cssSelector("#history-list li[data-task^='unanswered-']"))
          .getText());
      assertThat(note).as("the create still on its way").contains("Sending… no answer yet");
      String taskId = fake.taskIds().get(0);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history-list li[data-task='" + taskId + "']")));
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history-list li[data-task^='unanswered-']"), 0));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-line"), taskId));

      // A refused Generate stays in view while the earlier task goes on.
      fillIn("Refused test", image);
      fake.inject(Endpoint.CREATE, Fault.status(402));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
      wait.until(ExpectedConditions.textToBe(By.id("task-status"), "Not sent"));
      By runningCard = By.cssSelector("#history-list li[data-task='" + taskId + "'] .state");
      // Read through the wait, which takes a card redrawn between the find and the read (a task event) again.
      String before = wait.until(driver -> driver.findElement(runningCard).getText());
      wait.until(driver -> !driver.findElement(runningCard).getText().equals(before));
      assertThat(browser.findElement(By.id("task-status")).getText()).as("after the earlier task's progress")
          .isEqualTo("Not sent");
      assertThat(browser.findElement(By.id("failure-message")).getText()).containsIgnoringCase("quota");
      assertThat(browser.findElement(By.id("task-line")).getText()).isEmpty();

      // Following the earlier task stops at a key problem: its card says so and what to do.
      fake.inject(Endpoint.STATUS, Fault.status(401), 1_000);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("#history-list li[data-task='" + taskId + "']"), "TOAPIS_API_KEY"));
      fake.clearFaults();

      // A create that got no answer: it may be billed, and the same job again is named above Generate first.
      fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
      wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
      wait.until(ExpectedConditions.textToBe(By.id("task-status"), "Maybe sent: it may exist and be billed"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history-list li[data-task^='unanswered-']")));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
      assertThat(textOf(By.cssSelector("#history-list li[data-task^='unanswered-']")))
          .as("its quote, not a price paid").contains("quoted 20 credits · $0.10, charge unknown");
      WebElement same = browser.findElement(By.id("same-job"));
      assertThat(same.isDisplayed()).as("the same job, named before Generate is offered again").isTrue();
      assertThat(same.getText()).as("a note's name, not taken for a task's").contains("(the history's note unanswered-",
          "may exist and be billed").doesNotContain("task unanswered-");
      assertThat(same.getRect().getY()).as("the note is above Generate").isLessThan(browser.findElement(By.id("generate")).getRect().getY());

      // A create answered 500 is sent again once: the page says that the first take may be billed too.
      fillIn("Resent test", image);
      fake.inject(Endpoint.CREATE, Fault.serverError(), 1);
      wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("task-warning")));
      assertThat(browser.findElement(By.id("task-warning-message")).getText())
          .contains("sent again", "may have made a billed task", "check the provider's dashboard");
      assertThat(browser.findElement(By.id("task-line")).getText()).as("the resent task's price")
          .contains("20 credits · $0.10; an earlier take of its create (of unknown outcome, then sent again)"
              + " may also have made a paid task, up to 20 credits more");

      // A Generate refused next is that job's answer alone: the resent job's warning is not shown beside it.
      fillIn("Refused after resent test", image);
      fake.inject(Endpoint.CREATE, Fault.status(402));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
      wait.until(ExpectedConditions.textToBe(By.id("task-status"), "Not sent"));
      assertThat(browser.findElement(By.id("task-warning")).isDisplayed()).as("an earlier job's warning").isFalse();
      assertThat(fake.requests(Endpoint.CREATE)).last().satisfies(create -> assertThat(create.status()).isEqualTo(402));

      // A create answered 500 on both takes: each may be a paid task, so its card reads up to both.
      fillIn("Twice refused test", image);
      fake.inject(Endpoint.CREATE, Fault.serverError(), 2);
      wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
      wait.until(ExpectedConditions.textToBe(By.id("task-status"), "Maybe sent: it may exist and be billed"));
      wait.until(driver -> driver.findElements(By.cssSelector("#history-list li[data-task^='unanswered-']")).stream()
          .anyMatch(card -> card.getText().contains("up to 2 tasks, up to 40 credits · $0.20, charge unknown")));
    }
  }

  @Test
  void aNoteOfTheSameJobBeingSentFromAnotherTabGivesWayToItsTaskOnceItIsAnswered() {
    try (FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(2)).start()) {
      openOnTheFake(fake);
      FluentWait<WebDriver> wait = patient(WAIT);
      String image = "https://cdn.example.com/catalogue/bottle-side.png";
      fillIn("Two tabs test", image);
      String first = browser.getWindowHandle();
      String url = browser.getCurrentUrl();
      fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(3)));
      browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
      openPage(url);
      fillIn("Two tabs test", image);
      browser.findElement(By.id("generate")).click();
      wait.until(driver -> !fake.requests(Endpoint.CREATE).isEmpty());

      browser.switchTo().window(first);
      // The first tab checks its job while the other tab's create is on its way: the note says it is being sent.
      browser.findElement(By.id("prompt")).sendKeys("x", Keys.BACK_SPACE);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), "sending"));
      wait.until(driver -> fake.taskIds().size() == 1);
      String task = fake.taskIds().get(0);

      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), "task " + task));
      assertThat(fake.creates()).hasSize(1);
    }
  }

  @Test
  void theSameJobAgainAsksFirstAndOnlyTheConfirmationPaysWhileUseTheseSettingsKeepsTheImage() {
    try (FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(2)).start()) {
      openOnTheFake(fake);
      FluentWait<WebDriver> wait = patient(WAIT);
      String image = "https://cdn.example.com/catalogue/bottle-front.png";
      fillIn("Again test", image);
      browser.findElement(By.id("generate")).click();
      wait.until(driver -> fake.taskIds().size() == 1);
      String first = fake.taskIds().get(0);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-line"), first));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
      assertThat(browser.findElement(By.id("generate")).getAttribute("aria-describedby"))
          .as("the note above Generate is read with it").contains("same-job");

      browser.findElement(By.id("generate")).click();
      WebElement ask = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("again-confirm")));
      assertThat(ask.getAttribute("role")).isEqualTo("alertdialog");
      assertThat(browser.findElement(By.id("again-text")).getText())
          .startsWith("You made this exact job just now (task " + first + ", ")
          .endsWith("). Generate again and pay 20 credits again?");
      assertThat(browser.findElement(By.id("again-yes")).getText()).isEqualTo("Generate again and pay 20 credits");
      assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the keyboard's focus, on the question")
          .isEqualTo("again-no");
      assertThat(browser.findElement(By.id("task-line")).getText()).as("the running task stays in view")
          .startsWith(first);
      assertThat(fake.creates()).as("asked, nothing sent").hasSize(1);
      browser.manage().window().setSize(new Dimension(375, 2400));
      assertThat(((Number) ((JavascriptExecutor) browser).executeScript("const b = document.getElementById('again-yes');"
          + " return b.scrollWidth - b.clientWidth")).intValue()).as("the paying button's words stay in it at 375 px")
          .isLessThanOrEqualTo(0);
      assertNoSidewaysScrollingAt375();

      browser.findElement(By.id("again-no")).click();
      assertThat(ask.isDisplayed()).isFalse();
      assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("generate");
      assertThat(fake.creates()).as("cancelled, nothing sent").hasSize(1);

      browser.findElement(By.id("generate")).click();
      wait.until(ExpectedConditions.visibilityOf(ask));
      browser.findElement(By.id("again-yes")).click();
      wait.until(driver -> fake.taskIds().size() == 2);
      String second = fake.taskIds().get(1);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-line"), second));
      assertThat(ask.isDisplayed()).isFalse();
      assertThat(fake.creates()).as("confirmed: one more create, paid as asked").hasSize(2);

      // The first job's card was only ever updated live (no reload): its settings still bring back its image.
      click(By.cssSelector("#thumbs button"));
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#thumbs li"), 0));
      // The card may be redrawn between finding it and its button (a task event): look again until one click lands.
      patient(WAIT).until(driver -> {
        WebElement useSettings = driver.findElement(By.cssSelector("#history-list li[data-task='" + first + "']"))
            .findElement(By.xpath(".//button[text()='Use these settings']"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", useSettings);
        return true;
      });
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#thumbs li"), 1));
      assertThat(textOf(By.cssSelector("#thumbs li"))).contains(image);
      wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
    }
  }

  @Test
  void aHistoryCardSaysAutomaticLengthForZeroAndMinusOneSeconds() {
    openOnTheMock("0");
    JavascriptExecutor page = (JavascriptExecutor) browser;
    assertThat(page.executeScript("return [-1, 0, 10].map(s => settingsLine({seconds: s}))"))
        .isEqualTo(List.of("automatic length", "automatic length", "10 s"));
  }

  @Test
  void aCreateClosedWithNoTaskOnTheCommandLineReadsAsClosedAndIsNoLongerTheSameJob() {
    try (FakeToApisServer fake = FakeToApisServer.builder().start()) {
      openOnTheFake(fake);
      FluentWait<WebDriver> wait = patient(WAIT);
      String image = "https://cdn.example.com/catalogue/bottle-front.png";
      fillIn("Closed test", image);
      fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing());
      wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
      wait.until(ExpectedConditions.textToBe(By.id("task-status"), "Maybe sent: it may exist and be billed"));
      By note = By.cssSelector("#history-list li[data-task^='unanswered-']");
      String name = wait.until(driver -> driver.findElement(note).getAttribute("data-task"));
      browser.navigate().refresh();
      awaitReady();
      fillIn("Closed test", image);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("same-job")));

      // The user found no task on the dashboard and says so on the command line, beside the running playground.
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = Main.run(new CliContext(Map.of("VIDGEN_HOME", home.toString()), new PrintWriter(out, true),
          new PrintWriter(err, true), () -> false, work), "history", "--close", name, "--no-task");
      assertThat(exit).as(err.toString()).isZero();

      browser.navigate().refresh();
      awaitReady();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("#history-list li[data-task='" + name + "']"), "no task found, as told"));
      assertThat(textOf(By.cssSelector("#history-list li[data-task='" + name + "']")))
          .as("no longer a charge to wonder about").doesNotContain("charge unknown");
      fillIn("Closed test", image);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-body"), image));
      assertThat(browser.findElement(By.id("preview-body")).getText()).contains("Closed test");
      assertThat(browser.findElement(By.id("same-job")).isDisplayed())
          .as("a create closed with no task is not the same job done").isFalse();
      assertThat(fake.creates()).as("nothing sent again").hasSize(1);
    }
  }

  @Test
  void saysBeforeGenerateWhenTheBalanceCannotPayForTheJob() {
    try (FakeToApisServer fake = FakeToApisServer.builder().credits(new java.math.BigDecimal("10")).start()) {
      openOnTheFake(fake);

      fillIn("Short test", "https://cdn.example.com/bottle.png");

      WebElement shortOfFunds = patient(WAIT)
          .until(ExpectedConditions.visibilityOfElementLocated(By.id("funds-short")));
      assertThat(shortOfFunds.getText()).startsWith("The account has 10 credits left and this job costs 20. The account's"
          + " credits are what is short: top up the account");
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    }
  }

  @Test
  void saysWhenTheServerIsGoneAndCarriesOnWhenItIsBack() throws Exception {
    String url = openOnTheMock("0");
    FluentWait<WebDriver> wait = patient(WAIT);
    new Select(browser.findElement(By.id("model"))).selectByValue("wan2.6");
    browser.findElement(By.id("prompt")).sendKeys("A red kite over the sea"); // a fresh page holds none
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));

    servers.get(0).stop();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("offline")));
    assertThat(browser.findElement(By.id("generate")).isEnabled()).as("Generate with no server").isFalse();

    // The same playground back, with the same token (as a script keeps it): the open page keeps its cookie.
    serve(Map.of("VIDGEN_PLAYGROUND_TOKEN", PrintedToken.in(url)), "--port",
        String.valueOf(java.net.URI.create(url).getPort()), "--set", "mock.duration=8s");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("offline")));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
  }

  /** Chooses the model, types the prompt and adds the image by its address with Enter; waits for Generate. */
  private void fillIn(String prompt, String image) {
    new Select(browser.findElement(By.id("model"))).selectByValue(MODEL);
    WebElement field = browser.findElement(By.id("prompt"));
    field.clear();
    field.sendKeys(prompt);
    browser.findElement(By.id("image-url")).sendKeys(image, Keys.ENTER);
    patient(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("generate")));
  }

  private void assertNoSidewaysScrollingAt375() {
    browser.manage().window().setSize(new Dimension(375, 2400));
    assertThat(((Number) ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue())
        .as("sideways scrolling at 375 px").isLessThanOrEqualTo(0);
    browser.manage().window().setSize(new Dimension(1440, 1600));
  }

  private int progress() {
    String value = browser.findElement(By.id("progress")).getAttribute("value");
    return value == null ? 0 : Integer.parseInt(value);
  }

  private double videoDuration(String id) {
    Object duration = ((JavascriptExecutor) browser).executeScript(
        "const v = document.getElementById(arguments[0]); return v.readyState >= 1 ? v.duration : 0;", id);
    return duration instanceof Number number ? number.doubleValue() : 0;
  }

  private void screenshot(int width, int height, String name) throws Exception {
    browser.manage().window().setSize(new Dimension(width, height));
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
    Path folder = Path.of(System.getProperty("vidgen.screenshots", "target/playground"));
    Files.createDirectories(folder);
    Files.write(folder.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  /** The body {@code vidgen generate --dry-run} prints for the job the page was given. */
  private String dryRunBody(Path product) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of("VIDGEN_HOME", home.toString()), new PrintWriter(out, true),
        new PrintWriter(err, true), () -> false, work);
    int exit = Main.run(context, "generate", "--dry-run", "--provider", "mock", "--model", MODEL,
        "--prompt", PROMPT, "--image", product.toString(), "--seconds", "15", "--aspect-ratio", "16:9");
    assertThat(exit).as("dry run; stderr:\n" + err).isZero();
    String[] lines = out.toString().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private String awaitUrl(Serve serve) {
    // The address as printed, with its token: opening it sets the cookie the page's requests carry.
    Pattern address = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]+)");
    Matcher[] found = new Matcher[1];
    patient(WAIT).until(driver -> {
      if (!serve.thread().isAlive()) {
        throw new AssertionError("vidgen serve ended early; stderr:\n" + serve.err());
      }
      found[0] = address.matcher(serve.out().toString());
      return found[0].find();
    });
    return found[0].group(1);
  }

  private static Path repositoryFile(String relative) {
    Path folder = Path.of("").toAbsolutePath();
    while (folder != null && !Files.exists(folder.resolve(relative))) {
      folder = folder.getParent();
    }
    if (folder == null) {
      throw new AssertionError(relative + " is not in this checkout");
    }
    return folder.resolve(relative);
  }

}
