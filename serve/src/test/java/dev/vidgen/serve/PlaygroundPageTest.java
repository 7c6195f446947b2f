package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.provider.mock.MockCall;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.InputDigests;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground's page in a real browser, against a {@link Playground} of this JVM on the mock:
 * headless Chromium from Debian's packages through Debian's chromedriver (given explicitly, so that
 * Selenium never looks for or downloads one; the tests are skipped without them). What the page
 * says of a job's images it cannot fill in again, of the newest take of the same job, of a create
 * without a usable answer, and how the "pay again" question is dismissed; what it announces of a create's
 * look-up before a resend, of a duration replaced or in error, and where the focus goes when the preview hides.
 */
@Timeout(120)
class PlaygroundPageTest {
  private static final Path CHROMIUM = Path.of(System.getProperty("vidgen.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("vidgen.chromedriver", "/usr/bin/chromedriver"));
  private static final String MODEL = "grok-video-1.5-preview";
  /** A model without a documented price: the page checks its job again each time it reads the balance. */
  private static final String UNKNOWN_PRICE = "grok-video-1.0";
  private static final String IMAGE = "https://cdn.example.com/catalogue/bottle.png";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir Path folder;
  @TempDir Path browserProfile;

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
  private ChromeDriverService service;
  private ChromeDriver browser;
  private VidgenClient client;
  private MockVideoProvider mock;
  private Playground playground;

  @BeforeEach
  void startBrowser() {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "no Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver); the browser test is skipped");
    assumeTrue(Files.isExecutable(CHROMEDRIVER),
        "no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver); the browser test is skipped");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + browserProfile, "--window-size=1440,1600");
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (playground != null) {
      playground.close();
    }
    if (client != null) {
      client.close();
    }
  }

  @Test
  void useTheseSettingsNamesALocalImageItCannotFillInAgainAndTakesAnUploadHoldingItsBytes() throws IOException {
    // A job of vidgen generate with a local file, which the page never reads.
    Path front = Files.createDirectories(folder.resolve("shots")).resolve("front.png");
    Files.copy(PlaygroundServerTest.productPng(), front);
    VideoJob fromTheCommandLine = VideoJob.builder(MODEL).prompt("A job of the command line").image(front).seconds(10)
        .aspectRatio("16:9").build();
    JobHandle handle = new JobHandle("mock", TaskId.of("task_cli_local"), MODEL, PriceQuote.unknown(MODEL, "test"),
        Instant.now().minusSeconds(600), null);
    history().record(InputDigests.reading().recorded(HistoryEntry.submitted(handle, fromTheCommandLine, "generate")
        .completed(folder.resolve("task_cli_local.mp4").toString(), Instant.now().minusSeconds(500)), fromTheCommandLine));
    open(Duration.ofSeconds(2));
    FluentWait<WebDriver> wait = patient();

    useSettingsOf("task_cli_local");

    WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("images-restored")));
    wait.until(ExpectedConditions.textToBePresentInElement(note, "front.png"));
    assertThat(note.getText()).as("which image, why, and what to do")
        .contains("Not filled in again: front.png, a local file of that job", "never reads files from your disk",
            "Add it again").doesNotContain(folder.toString());
    assertThat(browser.findElement(By.id("prompt")).getAttribute("value")).isEqualTo("A job of the command line");
    assertThat(browser.findElements(By.cssSelector("#thumbs li"))).isEmpty();
    assertThat(browser.findElement(By.id("dropzone")).getAttribute("aria-describedby")).contains("images-restored");

    // The file added again (under another name): the note has done its work.
    Path copy = Files.copy(PlaygroundServerTest.productPng(), folder.resolve("product.png"));
    browser.findElement(By.id("file")).sendKeys(copy.toString());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#thumbs li[data-upload]")));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("images-restored")));
    String upload = wait.until(driver -> driver.findElement(By.cssSelector("#thumbs li[data-upload]")).getAttribute("data-upload"));

    // The upload holds the job's bytes: Use these settings takes it in the local file's place, and says so.
    browser.findElement(By.id("prompt")).clear();
    useSettingsOf("task_cli_local");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("images-restored"), "front.png"));
    assertThat(browser.findElement(By.id("images-restored")).getText())
        .isEqualTo("front.png, a local file of that job, is the upload product.png, which holds the same bytes.");
    assertThat(browser.findElements(By.cssSelector("#thumbs li"))).singleElement()
        .satisfies(tile -> assertThat(tile.getAttribute("data-upload")).isEqualTo(upload));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), "task_cli_local"));
    wait.until(driver -> driver.findElement(By.id("err-images")).getText().isEmpty());
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent").isEmpty();
  }

  @Test
  void anExtendsCardNamesItsSourceAsTextOffersNoUseTheseSettingsAndAPlainCardsDefaultsAreDefaultsAgain() {
    Instant hourAgo = Instant.now().minusSeconds(3600);
    VideoJob kite = VideoJob.builder(UNKNOWN_PRICE).prompt("Shot 4: a kite over the dunes").build();
    recordCompleted("task_kite", kite, "generate", hourAgo);
    recordCompleted("task_kite_ext", VideoJob.builder(UNKNOWN_PRICE).prompt("Shot 4b: the kite climbs higher").build(),
        "extend of task_kite", hourAgo.plusSeconds(60));
    recordCompleted("task_kite_mix", VideoJob.builder(UNKNOWN_PRICE).prompt("Shot 4r: the kite at night").build(),
        "remix of <b>task_kite</b>", hourAgo.plusSeconds(120));
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    WebElement extend = wait.until(driver -> driver.findElement(
        By.cssSelector("#history-list li[data-task='task_kite_ext']")));
    WebElement remix = browser.findElement(By.cssSelector("#history-list li[data-task='task_kite_mix']"));

    assertThat(extend.getText()).as("the card names the video it extends, and how another is made")
        .contains("Extend of task_kite (made with vidgen extend)", "vidgen extend task_kite --prompt");
    assertThat(remix.getText()).as("the server's words are shown as text").contains("Remix of <b>task_kite</b>");
    assertThat(remix.findElements(By.tagName("b"))).isEmpty();
    for (WebElement card : List.of(extend, remix)) {
      assertThat(card.findElements(By.xpath(".//button[text()='Use these settings']")))
          .as("the form cannot hold an extend or remix: no button fills it with another job").isEmpty();
    }
    assertThat(browser.findElement(By.cssSelector("#history-list li[data-task='task_kite']")).getText())
        .doesNotContain("Extend of", "Remix of");

    // The form holds the default model's 10 s; the plain job's card says "model defaults".
    assertThat(new Select(browser.findElement(By.id("model"))).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo(MODEL);
    useSettingsOf("task_kite");

    wait.until(driver -> UNKNOWN_PRICE.equals(new Select(driver.findElement(By.id("model"))).getFirstSelectedOption()
        .getAttribute("value")));
    assertThat(browser.findElement(By.id("seconds")).getAttribute("value")).as("the model's default duration, not the"
        + " form's earlier one").isEqualTo(String.valueOf(js("return state.models.get(arguments[0]).default_seconds",
            UNKNOWN_PRICE)));
    assertThat(browser.findElement(By.id("aspect-ratio")).getAttribute("value")).as("the provider's default")
        .isEmpty();
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent").isEmpty();
  }

  /** Records {@code job} in the history as a task of the mock made by {@code source}, completed without a file. */
  private void recordCompleted(String taskId, VideoJob job, String source, Instant at) {
    JobHandle handle = new JobHandle("mock", TaskId.of(taskId), job.model(), PriceQuote.unknown(job.model(), "test"),
        at, null);
    history().record(HistoryEntry.submitted(handle, job, source).completed(null, at.plusSeconds(30)));
  }

  @Test
  void theNoteAboveGenerateNamesTheNewestTakeOnceAnotherTabMadeOne() throws IOException {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    fillIn("Newest take test");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
    wait.until(driver -> mock.calls(MockCall.Method.CREATE).size() == 1);
    String first = firstTask();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), "task " + first + ", done"));

    // Another tab confirms another take of the same job, as its question's yes sends it.
    @SuppressWarnings("unchecked")
    Map<String, Object> form = new java.util.LinkedHashMap<>((Map<String, Object>) JsonTrees.parse((String)
        ((JavascriptExecutor) browser).executeScript("return JSON.stringify(formJson())")));
    form.put("again", true);
    form.put("again_after", first);
    String second = (String) ((Map<?, ?>) post("/api/generate", JsonTrees.write(form)).get("task")).get("task_id");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), "task " + second));
    assertThat(browser.findElement(By.id("same-job")).getText()).as("the newest take, not the one made here")
        .doesNotContain(first);
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(2);
  }

  @Test
  void escapeAnswersThePayAgainQuestionAsCancelDoesSendingNothing() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    fillIn("Escape test");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
    wait.until(driver -> mock.calls(MockCall.Method.CREATE).size() == 1);
    String first = firstTask();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), "task " + first));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
    WebElement question = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("again-confirm")));
    assertThat(question.getAttribute("role")).isEqualTo("alertdialog");
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("again-no");
    // The dialog's name (aria-labelledby) speaks of no paying on the mock, which charges nothing.
    assertThat(browser.findElement(By.id(question.getAttribute("aria-labelledby"))).getText())
        .isEqualTo("Generate another take?");
    assertThat(question.getText()).doesNotContainIgnoringCase("pay");

    browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);

    wait.until(ExpectedConditions.invisibilityOf(question));
    assertThat(browser.findElement(By.id("again-text")).getText()).isEmpty();
    assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus back where the question came from")
        .isEqualTo("generate");
    assertThat(mock.calls(MockCall.Method.CREATE)).as("Escape sends nothing").hasSize(1);

    // Asked again, and Escape with the focus on the paying button: still nothing sent.
    browser.findElement(By.id("generate")).click();
    wait.until(ExpectedConditions.visibilityOf(question));
    browser.findElement(By.id("again-yes")).sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOf(question));
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(1);
  }

  @Test
  void aCreateAnsweredWithServerErrorsIsNotSaidToHaveGotNoAnswerOnItsCardOrAboveGenerate() {
    // What a playground leaves after a create answered 500 twice on a route without a client reference.
    VideoJob job = VideoJob.builder(MODEL).prompt("Server errors test").image(IMAGE).seconds(10).aspectRatio("16:9")
        .build();
    Instant minuteAgo = Instant.now().minusSeconds(60);
    history().record(HistoryEntry.unanswered("vg-five-hundred", false, "mock", job, null, minuteAgo, minuteAgo,
        "its create was answered with a server error 2 times, and each of its 2 takes may have made a task", "serve", 2));
    // Another job's create answered 500 once, then sent again: its task counts the first take, which its note points to.
    VideoJob resentJob = VideoJob.builder(MODEL).prompt("Resent test").image(IMAGE).seconds(10).aspectRatio("16:9").build();
    PriceQuote twenty = new PriceQuote(MODEL, java.math.BigDecimal.valueOf(20), new java.math.BigDecimal("0.10"), "test");
    history().record(HistoryEntry.unanswered("vg-resent", false, "mock", resentJob, twenty, minuteAgo, minuteAgo,
        "its create was answered with a server error and sent again, so the first take may have made a billed task of"
            + " its own that cannot be looked up; the take sent again made task task_resent; check the provider's"
            + " dashboard for a task made at " + minuteAgo + " (UTC)", "serve", 1));
    history().record(HistoryEntry.submitted(new JobHandle("toapis", TaskId.of("task_resent"), MODEL, twenty, minuteAgo,
        null, 1), resentJob, "serve").completed(folder.resolve("task_resent.mp4").toString(), minuteAgo.plusSeconds(30)));
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();

    By card = By.cssSelector("#history-list li[data-task='unanswered-noref-vg-five-hundred'] .state");
    String state = wait.until(driver -> driver.findElement(card).getText());
    fillIn("Server errors test");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), "unanswered-noref-vg-five-hundred"));

    By resentNote = By.cssSelector("#history-list li[data-task='unanswered-noref-vg-resent']");
    String noteText = patient().until(driver -> driver.findElement(resentNote).getText());
    assertThat(noteText).as("its possible charge is said once, on the task's card")
        .contains("counted on task task_resent's card").doesNotContain("20 credits");
    By resentCard = By.cssSelector("#history-list li[data-task='task_resent']");
    String resentText = wait.until(driver -> driver.findElement(resentCard).getText());
    assertThat(resentText).contains("up to 20 credits more");
    assertThat(state).as("true of an answer with server errors as of none at all")
        .isEqualTo("Create got no usable answer: it may exist and be billed");
    assertThat(browser.findElement(By.id("same-job")).getText())
        .contains("(the history's note unanswered-noref-vg-five-hundred, create got no usable answer: it may exist")
        .doesNotContain("got no answer");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void anAddressEnteredWithTheImagesFullSaysWhyItIsNotAdded() {
    open(Duration.ofSeconds(1));
    fillIn("Full slot test"); // the model's one image

    WebElement address = browser.findElement(By.id("image-url"));
    address.sendKeys("https://cdn.example.com/second.png", Keys.ENTER);

    patient().until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-images"), "remove one first"));
    assertThat(browser.findElement(By.id("err-images")).getText())
        .isEqualTo("Not added: " + MODEL + " takes at most 1 image; remove one first.");
    assertThat(address.getAttribute("aria-describedby")).contains("err-images");
    assertThat(browser.findElements(By.cssSelector("#thumbs li"))).hasSize(1);
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void aFreshPageHoldsNoPromptOfItsOwnSoGenerateSendsNothingUntilOneIsWrittenAndAReloadBringsNoneBack() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    WebElement prompt = browser.findElement(By.id("prompt"));

    assertThat(prompt.getAttribute("value")).as("text the user did not write, which Generate would pay for").isEmpty();
    assertThat(prompt.getAttribute("placeholder")).as("an example, shown only while the box is empty")
        .startsWith("For example: ");
    browser.findElement(By.id("image-url")).sendKeys(IMAGE, Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#thumbs li")));
    wait.until(driver -> Boolean.FALSE.equals(js("return state.checkPending")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-prompt"), "needs a prompt"));
    assertThat(browser.findElement(By.id("err-prompt")).getText()).as("the check's words, at the field")
        .startsWith("prompt: " + MODEL + " needs a prompt").endsWith("describe the video in a non-blank prompt"
            + " of at most 1200 characters");
    assertThat(prompt.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.findElements(By.cssSelector("#warnings li"))).as("the fresh page's notes").isEmpty();
    assertThat(browser.findElement(By.id("generate")).isEnabled()).as("Generate without a prompt").isFalse();
    js("document.getElementById('generate').click()");
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent without a prompt").isEmpty();

    prompt.sendKeys("A prompt of my own");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
    wait.until(driver -> mock.calls(MockCall.Method.CREATE).size() == 1);
    String task = firstTask();
    browser.navigate().refresh();
    wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history-list li[data-task='" + task + "']")));

    assertThat(browser.findElement(By.id("prompt")).getAttribute("value")).as("after a reload: empty, or what was typed")
        .isIn("", "A prompt of my own");
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(1);
  }

  @Test
  void aQuickPromptFillsAnEmptyPromptAndReplacesATypedOneOnlyWithAnUndoThatIsSaid() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    WebElement prompt = browser.findElement(By.id("prompt"));
    String typed = "Meine eigene lange Beschreibung: Kamerafahrt \u00fcber die Br\u00fccke. \u6211\u7684\u63d0\u793a\u8a5e";
    WebElement pushIn = browser.findElement(By.xpath("//button[@class='chip' and text()='Product push-in']"));
    WebElement undo = browser.findElement(By.id("prompt-undo"));

    prompt.sendKeys(typed);
    prompt.sendKeys(Keys.TAB);
    assertThat(activeId()).as("the next stop after the prompt").isNullOrEmpty();
    browser.switchTo().activeElement().sendKeys(Keys.SPACE);

    assertThat(prompt.getAttribute("value")).isEqualTo(pushIn.getAttribute("data-prompt"));
    wait.until(ExpectedConditions.textToBe(By.id("prompt-quick-said"),
        "Your prompt was replaced by the quick prompt \"Product push-in\"; Undo, after the prompt, brings yours back."));
    assertThat(browser.findElement(By.id("prompt-quick-said")).getAttribute("aria-live")).isEqualTo("polite");
    assertThat(undo.isDisplayed()).isTrue();
    assertThat(activeId()).isEqualTo("prompt");
    prompt.sendKeys(Keys.TAB);
    assertThat(activeId()).as("Undo is the next stop after the prompt").isEqualTo("prompt-undo");
    browser.switchTo().activeElement().sendKeys(Keys.ENTER);

    assertThat(prompt.getAttribute("value")).as("the typed prompt, back").isEqualTo(typed);
    wait.until(ExpectedConditions.textToBe(By.id("prompt-quick-said"), "Your prompt is back."));
    assertThat(undo.isDisplayed()).isFalse();
    assertThat(activeId()).isEqualTo("prompt");

    // An empty prompt (or one holding a quick prompt untouched) is filled, with nothing to undo.
    prompt.clear();
    pushIn.click();
    wait.until(ExpectedConditions.textToBe(By.id("prompt-quick-said"), "The quick prompt \"Product push-in\" is in the prompt."));
    browser.findElement(By.xpath("//button[@class='chip' and text()='Macro detail']")).click();
    assertThat(prompt.getAttribute("value")).startsWith("Macro shot");
    assertThat(undo.isDisplayed()).isFalse();
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void rightToLeftPromptsShowRightToLeftAndHiddenCharactersShowEscapedInThePreviewAndCommand() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    String arabic = "\u062a\u0642\u062a\u0631\u0628 \u0627\u0644\u0643\u0627\u0645\u064a\u0631\u0627 \u0628\u0628\u0637\u0621"
        + " (1)\u060c \u0636\u0648\u0621 \u0646\u0627\u0639\u0645.";
    fillIn(arabic);
    WebElement prompt = browser.findElement(By.id("prompt"));
    assertThat(js("return getComputedStyle(arguments[0]).direction", prompt)).as("the prompt box").isEqualTo("rtl");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
    wait.until(driver -> mock.calls(MockCall.Method.CREATE).size() == 1);
    // Read in one go: the card (first the create's note, then its task's) is rebuilt as the task moves on.
    String cardDirection = wait.until(driver -> driver.findElement(By.cssSelector("#history-list li .prompt"))
        .getCssValue("direction"));
    assertThat(cardDirection).as("the card's prompt").isEqualTo("rtl");
    assertThat(browser.findElement(By.id("preview-body")).getAttribute("dir")).isEqualTo("auto");

    js("const prompt = document.getElementById('prompt');"
        + " prompt.value = 'Slow pan \\u202e--max-credits 5 \\u001b[8m hidden'; prompt.dispatchEvent(new Event('input'));");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-body"), "hidden"));
    wait.until(driver -> driver.findElement(By.id("command-text")).getAttribute("textContent").contains("hidden"));
    assertThat(browser.findElement(By.id("preview-body")).getText())
        .contains("\"prompt\":\"Slow pan \\u202e--max-credits 5 \\u001b[8m hidden\"").doesNotContain("\u202e", "\u001b");
    assertThat(browser.findElement(By.id("command-text")).getAttribute("textContent"))
        .contains("--prompt $'Slow pan \\u202E--max-credits 5 \\x1B[8m hidden'").doesNotContain("\u202e", "\u001b");
  }

  @Test
  void aFreshPageOnAnImageOnlyModelSaysAtTheImagesWhatToAddNotAModeItDoesNotShow() {
    open(Duration.ofSeconds(1));

    patient().until(driver -> !driver.findElement(By.id("err-images")).getText().isEmpty());

    assertThat(browser.findElement(By.id("mode-field")).isDisplayed()).as("a model with one mode has no Mode field")
        .isFalse();
    assertThat(browser.findElement(By.id("err-images")).getText())
        .isEqualTo("add 1 image: " + MODEL + " makes video from exactly 1 image");
  }

  @Test
  void theBalanceLineShowsTheServersExactDollarsAtTheProvidersRateWithItsNote() {
    try (dev.vidgen.testkit.toapis.FakeToApisServer fake = dev.vidgen.testkit.toapis.FakeToApisServer.start()) {
      String balance = "{\"success\":true,\"remain_credits\":70.07,\"used_credits\":0,\"credits_per_usd\":%s,"
          + "\"unlimited_quota\":false}";
      for (dev.vidgen.testkit.toapis.Endpoint endpoint : List.of(dev.vidgen.testkit.toapis.Endpoint.BALANCE,
          dev.vidgen.testkit.toapis.Endpoint.USER_BALANCE)) {
        fake.inject(endpoint, dev.vidgen.testkit.toapis.Fault.answer(200, "application/json",
            String.format(balance, "200")), 1);
        fake.inject(endpoint, dev.vidgen.testkit.toapis.Fault.answer(200, "application/json",
            String.format(balance, "100")), 100);
      }
      client = VidgenClient.builder().provider("toapis", dev.vidgen.core.port.ProviderConfig.builder()
          .apiKey(dev.vidgen.core.port.ApiKey.of(fake.apiKey())).baseUrl(fake.baseUrl()).build()).build();
      playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder, history(), MODEL,
          List.of("--provider", "toapis", "--base-url", fake.baseUrl())));
      browser.get(playground.url().toString()); // the address with its token, as vidgen serve prints it
      FluentWait<WebDriver> wait = patient();

      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("balance"), "credits"));
      assertThat(browser.findElement(By.id("balance")).getText()).as("exact, not the browser's floating point")
          .isEqualTo("Balance: 70.07 credits ($0.35035)");
      assertThat(browser.findElement(By.id("balance-note")).isDisplayed()).isFalse();

      ((JavascriptExecutor) browser).executeScript("loadBalance()"); // the provider now reports 100 credits a dollar
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("balance"), "per US dollar"));
      assertThat(browser.findElement(By.id("balance")).getText())
          .isEqualTo("Balance: 70.07 credits ($0.7007 at the provider's 100 credits per US dollar)");
      assertThat(browser.findElement(By.id("balance-note")).getText()).startsWith("Note: the provider reports 100"
          + " credits per US dollar, but vidgen assumes 200");
    }
  }

  @Test
  void aParameterThatIsNotJsonShowsTheServersRefusalAtItsFieldAndAnAssumedPromptLimitIsSaidToBeAssumed() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("model"))).selectByValue("seedance-2");
    WebElement tools = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("param-tools")));
    // Typed with the Advanced options closed, as a job restored by Use these settings fills them in.
    ((JavascriptExecutor) browser).executeScript("document.getElementById('advanced-field').open = false;"
        + " arguments[0].value = '[{type:web_search}]'; arguments[0].dispatchEvent(new Event('input'));", tools);

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-params"), "is not JSON"));
    assertThat(browser.findElement(By.id("err-params")).getText()).as("the server's words, at the field")
        .contains("params.tools: [{type:web_search}] starts with [ as JSON does, but is not JSON")
        .contains("such as [{\"type\":\"web_search\"}]");
    assertThat(tools.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(tools.getAttribute("aria-describedby")).as("the refusal is read at the input, as at every other field")
        .isEqualTo("err-params");
    assertThat(browser.findElement(By.id("advanced-field")).getAttribute("open")).as("opened to show it").isNotNull();
    assertThat(browser.findElement(By.id("generate")).isEnabled()).as("refused, not sent as text").isFalse();

    // grok-video-1.5-preview's 1200 characters are vidgen's assumption (the catalog says so): the line says it too.
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("model"))).selectByValue(MODEL);
    ((JavascriptExecutor) browser).executeScript("const prompt = document.getElementById('prompt');"
        + " prompt.value = 'x'.repeat(1300); prompt.dispatchEvent(new Event('input'));");
    wait.until(driver -> driver.findElement(By.id("prompt-over")).getAttribute("textContent").contains("over"));
    assertThat(browser.findElement(By.id("prompt-over")).getAttribute("textContent"))
        .isEqualTo("The prompt is over the 1200-character limit vidgen assumes (the provider documents none); it is"
            + " sent, but the provider may refuse it.");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void theBalanceReadAgainOnAModelOfUnknownPriceLeavesTheFocusAndAnOpenQuestionWhereTheyAre() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("model"))).selectByValue(UNKNOWN_PRICE);
    WebElement prompt = browser.findElement(By.id("prompt"));
    prompt.clear();
    prompt.sendKeys("Unknown price test");
    WebElement generate = wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
    assertThat(browser.findElement(By.id("price")).getText()).isEqualTo("unknown");
    js("document.getElementById('generate').focus()");

    readBalanceAsTheMinuteTimerDoes();

    assertThat(activeId()).as("the focus stays on Generate").isEqualTo("generate");
    assertThat(generate.isEnabled()).isTrue();

    generate.click();
    wait.until(driver -> mock.calls(MockCall.Method.CREATE).size() == 1);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), ", done)"));
    wait.until(ExpectedConditions.elementToBeClickable(generate)).click();
    WebElement question = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("again-confirm")));
    assertThat(activeId()).isEqualTo("again-no");

    readBalanceAsTheMinuteTimerDoes();

    assertThat(question.isDisplayed()).as("no one answered it, and the form did not change").isTrue();
    assertThat(browser.findElement(By.id("again-text")).getText()).contains("You made this exact job");
    assertThat(activeId()).as("the focus stays on Cancel").isEqualTo("again-no");
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(1);
  }

  @Test
  void liveRegionsAreRewrittenOnlyWithNewWordsAndGenerateThatAsksSaysOnlyTheQuestion() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    watchLiveRegions();
    fillIn("Live regions test");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
    wait.until(driver -> mock.calls(MockCall.Method.CREATE).size() == 1);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("same-job"), ", done)"));
    wait.until(ExpectedConditions.textToBe(By.id("task-status"), "Done"));
    readBalanceAsTheMinuteTimerDoes();
    assertThat(rewrites("r.same")).as("a region rewritten with the words it had").isEmpty();

    // Generate of the job just made: the question is all that is said.
    js("window.__live = []");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("again-confirm")));
    assertThat(rewrites("r.id === 'task-status' || r.id === 'failure'")).as("no Sending…, no Done again").isEmpty();
    assertThat(browser.findElement(By.id("task-status")).getText()).isEqualTo("Done");
    assertThat(activeId()).isEqualTo("again-no");
    browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);

    // Typing past the prompt's (assumed) limit: its note is said once, not at each key that changes the count in it.
    js("const prompt = document.getElementById('prompt'); prompt.value = 'x'.repeat(1201);"
        + " prompt.dispatchEvent(new Event('input'));");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("warnings"), "1201 characters"));
    js("window.__live = []");
    WebElement prompt = browser.findElement(By.id("prompt"));
    for (String key : List.of("a", "b", "c")) {
      int length = 1202 + List.of("a", "b", "c").indexOf(key);
      prompt.sendKeys(key);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("warnings"), length + " characters"));
    }
    assertThat(rewrites("r.text.includes('1200-character')")).as("the note is not said again at each key").isEmpty();
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(1);
  }

  @Test
  void theFocusStaysNearAfterRemoveAndOnACardRebuiltAsItsTaskMovesAndAnUploadIsSaid() throws IOException {
    open(Duration.ofSeconds(4));
    FluentWait<WebDriver> wait = patient();
    Path png = Files.copy(PlaygroundServerTest.productPng(), folder.resolve("product.png"));
    browser.findElement(By.id("file")).sendKeys(png.toString());
    // Said in a region seen by screen readers only: the thumbnail is what the eye sees.
    wait.until(ExpectedConditions.attributeToBe(By.id("images-status"), "textContent", "product.png added."));
    WebElement remove = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#thumbs li button")));
    js("arguments[0].focus()", remove);
    browser.switchTo().activeElement().sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#thumbs li"), 0));
    assertThat(activeId()).as("a neighbour, not the page's top").isEqualTo("dropzone");
    assertThat(browser.findElement(By.id("images-status")).getAttribute("textContent")).isEqualTo("Removed product.png.");

    fillIn("Card focus test");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
    wait.until(driver -> mock.calls(MockCall.Method.CREATE).size() == 1);
    // Found and focused in one script: the card may be rebuilt between two calls of the driver.
    WebElement running = wait.until(driver -> (WebElement) js("const card = [...document.querySelectorAll('#history-list > li')]"
        + ".find((li) => li.querySelector('span.queued, span.in_progress'));"
        + " if (!card) return null; card.querySelector(\"[data-control='show']\").focus(); return card;"));
    wait.until(ExpectedConditions.stalenessOf(running)); // the card rebuilt on progress
    assertThat((String) js("return document.activeElement.dataset.control || document.activeElement.tagName"))
        .isEqualTo("show");

    // Read at once: the card is rebuilt as the task moves.
    List<?> use = (List<?>) js("const use = document.querySelector(\"#history-list li [data-control='use']\");"
        + " return [use.getAttribute('aria-label'), use.textContent]");
    assertThat((String) use.get(0)).as("the name holds the visible words").contains((String) use.get(1));
    wait.until(ExpectedConditions.textToBe(By.id("task-status"), "Done")); // its card no longer changes
    assertThat((String) js("return document.activeElement.dataset.control || ''")).isEqualTo("show");
    browser.switchTo().activeElement().sendKeys(Keys.ENTER);
    wait.withMessage("Show takes the focus to the panel it filled").until(driver -> "h-result".equals(activeId()));
  }

  @Test
  void aLongTaskIdInTheSameJobNoteWrapsAt320Pixels() {
    open(Duration.ofSeconds(1));
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(320, 900));
    // The fresh page's own check answered first: it would take a note put up before it away.
    patient().until(driver -> Boolean.TRUE.equals(js("return state.lastCheck !== null && !state.checkPending")));
    js("showSameJob({task_id: 'video_mock_mxbo03tp_2bc_l_6e789e6aa1b9f00d', status: 'completed',"
        + " submitted_at: new Date().toISOString()})");
    patient().until(ExpectedConditions.visibilityOfElementLocated(By.id("same-job")));
    assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no sideways scroll").isTrue();
  }

  @Test
  void whenTheServerStopsTheFocusIsKeptOnTheNoticeAndGoesBackToGenerateWithTheFormOnceItIsBack() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    fillIn("Offline focus test");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
    js("document.getElementById('generate').focus()");
    int port = playground.port();
    PlaygroundToken token = playground.token(); // the same playground back: its page keeps its cookie

    playground.close();
    playground = null;

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("offline")));
    assertThat(browser.findElement(By.id("generate")).isEnabled()).isFalse();
    assertThat(activeId()).as("not dropped to the page's top: on the notice, which is read").isEqualTo("offline");

    playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", port, folder, history(), MODEL,
        List.of("--provider", "mock"), PlaygroundSettings.DEFAULT_KEY_VARIABLE, null, null, token));

    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("offline")));
    wait.withMessage("the focus back on Generate").until(driver -> "generate".equals(activeId()));
    assertThat(browser.findElement(By.id("generate")).isEnabled()).isTrue();
    assertThat(browser.findElement(By.id("prompt")).getAttribute("value")).isEqualTo("Offline focus test");
    assertThat(browser.findElements(By.cssSelector("#thumbs li"))).hasSize(1);
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void thePromptsLengthIsSaidNearAndOverItsLimitOnlyWhileTheCountKeepsUpSilently() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("model"))).selectByValue("MiniMax-Hailuo-2.3");
    js("const prompt = document.getElementById('prompt'); prompt.value = 'x'.repeat(1798);"
        + " prompt.dispatchEvent(new Event('input'));");
    wait.until(ExpectedConditions.textToBe(By.id("prompt-counter"), "1798 / 2000"));
    wait.until(driver -> Boolean.TRUE.equals(js("return state.lastCheck !== null && !state.checkPending")));
    watchLiveRegions();
    WebElement prompt = browser.findElement(By.id("prompt"));
    for (int length = 1799; length <= 1801; length++) { // 1800 is 90 % of the documented 2000
      prompt.sendKeys("a");
      wait.until(ExpectedConditions.textToBe(By.id("prompt-counter"), length + " / 2000"));
    }
    js("const prompt = document.getElementById('prompt'); prompt.value = 'x'.repeat(2000);"
        + " prompt.dispatchEvent(new Event('input'));");
    for (int length = 2001; length <= 2003; length++) {
      prompt.sendKeys("b");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-prompt"), length + " characters"));
    }

    assertThat(browser.findElement(By.id("prompt-counter")).getText()).as("the visible count follows each key")
        .isEqualTo("2003 / 2000");
    assertThat(rewrites("!r.same && (/character/.test(r.text) || r.id.startsWith('prompt') || r.id === 'err-prompt')"))
        .as("said twice in all: near the limit, then over it")
        .containsExactly("prompt-over: The prompt is near the 2000-character limit: 200 characters left.",
            "prompt-over: The prompt is over the 2000-character limit.");
  }

  @Test
  void aCreateAnsweredWithAServerErrorSaysWhileItsTaskIsLookedUpBeforeItIsSentAgain() {
    // A look-up of at most 33 s (three "not found" waits of 1 s, then 30 s for its reads), after a 500 waited out
    // for 0.2 s; the mock answers at once, so it takes about 3 s.
    open(Duration.ofSeconds(1), RetryPolicy.builder().transientBackoff(Duration.ofMillis(200), Duration.ofMillis(200))
        .notFoundRetries(3).notFoundBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).jitter(0).build());
    FluentWait<WebDriver> wait = patient();
    new Select(browser.findElement(By.id("model"))).selectByValue("seedance-2");
    WebElement prompt = browser.findElement(By.id("prompt"));
    prompt.clear();
    prompt.sendKeys("A slow push-in on the product on a marble counter.");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
    mock.script().serverErrors(Operation.CREATE, 1, 500);
    watchLiveRegions();

    browser.findElement(By.id("generate")).sendKeys(Keys.ENTER);

    String lookUpStarts = "r.id === 'task-notice'"
        + " && r.text.includes('looking the task up by its client reference vg-')";
    wait.until(driver -> !rewrites(lookUpStarts).isEmpty());
    assertThat(rewrites("r.id === 'task-notice' && r.text").get(0)).as("the 500's notice names when the look-up starts")
        .matches("task-notice: Waiting: the provider answered the create with a server error \\(HTTP 500\\); .*;"
            + " looking the task up by its client reference at \\d\\d:\\d\\d:\\d\\d UTC \\(in about 1 s\\)"
            + " before sending it again");
    String said = rewrites(lookUpStarts).get(0);
    assertThat(said).as("the look-up is said as it starts, with how long it may take and until when")
        .matches("task-notice: Waiting: looking the task up by its client reference vg-\\S+ before sending it again"
            + " \\(up to 33 s, until \\d\\d:\\d\\d:\\d\\d UTC\\): the create answered with a server error or not at all"
            + " may have made it, so nothing is sent meanwhile");
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent while it is looked up").hasSize(1);
    wait.until(ExpectedConditions.textToBe(By.id("task-status"), "Done"));
    assertThat(mock.calls(MockCall.Method.CREATE)).as("sent again once no task was listed").hasSize(2);
  }

  @Test
  void aDurationTheModelDoesNotOfferIsSaidReplacedAndADurationErrorMarksItsChoicesAndTakesTheFocusOffAHiddenPreview() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    browser.findElement(By.id("prompt")).sendKeys("Duration test"); // a fresh page holds none
    browser.findElement(By.id("seconds-15")).click();
    watchLiveRegions();
    new Select(browser.findElement(By.id("model"))).selectByValue("MiniMax-Hailuo-2.3");
    wait.until(ExpectedConditions.elementToBeSelected(By.id("seconds-6")));
    assertThat(rewrites("r.id === 'seconds-changed'")).as("said in a live region, not changed silently")
        .containsExactly("seconds-changed: 15 s is not offered by MiniMax-Hailuo-2.3: set to 6 s.");

    browser.findElement(By.id("seconds-10")).click();
    wait.until(driver -> Boolean.TRUE.equals(js("return state.lastCheck !== null && !state.checkPending"
        + " && document.getElementById('preview-body').textContent !== ''")));
    js("document.getElementById('preview-body').focus();"
        + " const resolution = document.getElementById('resolution'); resolution.value = '1080P';"
        + " resolution.dispatchEvent(new Event('change'));");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-seconds"), "1080P is offered only at 6 s"));

    assertThat(browser.findElement(By.id("seconds-field")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.findElements(By.cssSelector("#seconds-options input")))
        .allSatisfy(radio -> {
          assertThat(radio.getAttribute("aria-invalid")).isEqualTo("true");
          assertThat(radio.getAttribute("aria-describedby")).isEqualTo("err-seconds");
        });
    assertThat(activeId()).as("the focus leaves the hidden request body for the field in error, not the page's top")
        .isEqualTo("seconds-10");

    browser.findElement(By.id("seconds-6")).click();
    wait.until(ExpectedConditions.textToBe(By.id("err-seconds"), ""));
    assertThat(browser.findElements(By.cssSelector("#seconds-field[aria-invalid], #seconds-options [aria-invalid]")))
        .as("cleared once fixed").isEmpty();
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void aFullSlotRefusalGoesOnAModelThatTakesMoreAndANearLimitThatIsAssumedIsSaidToBe() {
    open(Duration.ofSeconds(1));
    FluentWait<WebDriver> wait = patient();
    fillIn("Full slot then another model");
    browser.findElement(By.id("image-url")).sendKeys("https://cdn.example.com/second.png", Keys.ENTER);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-images"), "remove one first"));

    new Select(browser.findElement(By.id("model"))).selectByValue("seedance-2");
    wait.until(driver -> Boolean.TRUE.equals(js("return state.lastCheck !== null && !state.checkPending")));
    assertThat(browser.findElement(By.id("err-images")).getText()).as("no refusal of a model no longer chosen")
        .doesNotContain("Not added", MODEL);

    new Select(browser.findElement(By.id("model"))).selectByValue(MODEL);
    js("const prompt = document.getElementById('prompt'); prompt.value = 'x'.repeat(1150);"
        + " prompt.dispatchEvent(new Event('input'));");
    wait.until(driver -> driver.findElement(By.id("prompt-over")).getAttribute("textContent").contains("near"));
    assertThat(browser.findElement(By.id("prompt-over")).getAttribute("textContent"))
        .isEqualTo("The prompt is near the 1200-character limit vidgen assumes (the provider documents none): 50"
            + " characters left.");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void aPageOfTheUsersOwnLeadingToThePrintedAddressOpensThePlaygroundAsVidgenServeOpenDoes() throws IOException {
    mock = MockVideoProvider.builder().duration(Duration.ofSeconds(2)).build();
    client = VidgenClient.builder().provider(mock).build();
    playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder, history(), MODEL,
        List.of("--provider", "mock")));
    // As vidgen serve --open writes it: the token stays off the browser's command line, which every user may read.
    Path leading = Files.writeString(folder.resolve("serve-open.html"), "<!doctype html>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"refresh\" content=\"0;url=" + playground.url() + "\">\n<title>opening</title>\n");

    browser.get(leading.toUri().toString());

    patient().until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready")));
    assertThat(browser.getCurrentUrl()).as("the token out of the address bar")
        .isEqualTo("http://127.0.0.1:" + playground.port() + "/");
    assertThat(((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + " fetch('/api/history').then(answer => done(answer.status));")).as("the page's own reads carry the cookie")
        .isEqualTo(200L);
  }

  private void open(Duration taskLength) {
    open(taskLength, RetryPolicy.defaults());
  }

  private void open(Duration taskLength, RetryPolicy retries) {
    mock = MockVideoProvider.builder().duration(taskLength).build();
    client = VidgenClient.builder().provider(mock).retryPolicy(retries)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(100)).minInterval(Duration.ofMillis(100))
            .maxInterval(Duration.ofMillis(200)).build())
        .build();
    playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder, history(), MODEL,
        List.of("--provider", "mock")));
    browser.get(playground.url().toString());
    patient().until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready")));
  }

  /** Reads the balance as the page's once-a-minute timer does, and waits for the check it may start to be answered. */
  private void readBalanceAsTheMinuteTimerDoes() {
    js("window.__checked = state.lastCheck; window.__balanceRead = false;"
        + " loadBalance().then(() => { window.__balanceRead = true; })");
    patient().until(driver -> Boolean.TRUE.equals(js("return window.__balanceRead")));
    // A check of a job of unknown price follows the balance; a known price starts none.
    patient().until(driver -> Boolean.TRUE.equals(js("return state.lastCheck !== window.__checked"
        + " || (state.lastCheck && state.lastCheck.quote && state.lastCheck.quote.known)")));
  }

  /** Logs each rewrite of a live region (aria-live, role alert or status) with its words and whether they changed. */
  private void watchLiveRegions() {
    js("window.__live = [];"
        + " for (const node of document.querySelectorAll('[aria-live], [role=alert], [role=status], [role=alertdialog]')) {"
        + "   let last = node.textContent;"
        + "   new MutationObserver(() => { const text = node.textContent;"
        + "     window.__live.push({ id: node.id, text, same: text === last }); last = text; })"
        + "     .observe(node, { childList: true, characterData: true, subtree: true });"
        + " }");
  }

  /** The logged rewrites, as "id: words", that match a condition on r (id, text, same). */
  @SuppressWarnings("unchecked")
  private List<String> rewrites(String condition) {
    return (List<String>) js("return window.__live.filter((r) => " + condition + ").map((r) => r.id + ': ' + r.text)");
  }

  private Object js(String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  private String activeId() {
    return browser.switchTo().activeElement().getAttribute("id");
  }

  private TaskHistory history() {
    return TaskHistory.in(folder.resolve("home"));
  }

  /** A wait that looks again when the page redrew what it was reading (history cards are redrawn as tasks move). */
  private FluentWait<WebDriver> patient() {
    return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class);
  }

  /** The default model's job with this prompt and the one image by its address. */
  private void fillIn(String prompt) {
    WebElement field = browser.findElement(By.id("prompt"));
    field.clear();
    field.sendKeys(prompt);
    browser.findElement(By.id("image-url")).sendKeys(IMAGE, Keys.ENTER);
    patient().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#thumbs li")));
  }

  private void useSettingsOf(String taskId) {
    patient().until(driver -> {
      WebElement button = driver.findElement(By.cssSelector("#history-list li[data-task='" + taskId + "']"))
          .findElement(By.xpath(".//button[text()='Use these settings']"));
      ((JavascriptExecutor) driver).executeScript("arguments[0].click()", button);
      return true;
    });
  }

  /** The task of the first create the mock was sent, as the history lists it. */
  private String firstTask() {
    return patient().until(driver -> {
      List<?> tasks = (List<?>) get("/api/history").get("tasks");
      return tasks.size() == 1 ? (String) ((Map<?, ?>) tasks.get(0)).get("task_id") : null;
    });
  }

  private Map<?, ?> get(String path) {
    return call(new Request.Builder().url("http://127.0.0.1:" + playground.port() + path)
        .header(PlaygroundToken.HEADER, playground.token().reveal()).build());
  }

  private Map<?, ?> post(String path, String body) {
    return call(new Request.Builder().url("http://127.0.0.1:" + playground.port() + path)
        .header(PlaygroundToken.HEADER, playground.token().reveal()).post(RequestBody.create(body, JSON)).build());
  }

  private Map<?, ?> call(Request request) {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(request.url() + ": " + body).isBetween(200, 299);
      return (Map<?, ?>) JsonTrees.parse(body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
