package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input paths written for another shell or system ({@code ~}, {@code \}, {@code C:}) are told as such when their
 * file is missing; a jobs file whose name starts with {@code -} is named with the way to give it; a folder whose
 * mode lets this user write but that refuses files anyway is not said to forbid this user; an output name the locale
 * cannot read gets output advice; a results folder that refuses writes is told to fix permissions first.
 */
@EnabledOnOs(OS.LINUX)
class InputPathsAndOddFoldersTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY)
      .server(fake -> fake.lifecycle(Lifecycle.byPolls(1, 40))).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    return cli.vidgen().run(Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new));
  }

  @Test
  void anImageStartingWithAnUnexpandedTildeIsToldSoWithTheHomeFolderWay() {
    CliRun.Result refused = vidgen("generate", "--image", "~/x.png", "--prompt", "img variant", "--out", "out/",
        "--max-credits", "40", "--no-wait");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("images[0]: " + dir.resolve("~/x.png") + " does not exist: it starts with ~,"
        + " which was not expanded", "write the home folder's path instead, such as $HOME/x.png");
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
  }

  @Test
  void jobsFileImagesAndVideosWrittenTheWindowsWayOrWithTildeAreShownAsMeant() throws IOException {
    Files.createDirectories(dir.resolve("imgs ü #"));
    Files.copy(dir.resolve("product.png"), dir.resolve("imgs ü #/b 日本 #2.png"));
    Path jobs = Files.writeString(dir.resolve("win.jsonl"), "\uFEFF"
        + "{\"model\": \"seedance-2\", \"prompt\": \"a\", \"images\": [\"imgs ü #\\\\b 日本 #2.png\"]}\r\n"
        + "{\"model\": \"seedance-2\", \"prompt\": \"b\", \"images\": [\"C:\\\\Users\\\\ana\\\\b.png\"]}\r\n"
        + "{\"model\": \"seedance-2\", \"prompt\": \"c\", \"images\": [\"~/x.png\"]}\r\n"
        + "{\"model\": \"seedance-2\", \"prompt\": \"d\", \"videos\": [\"clips\\\\a.mp4\"]}\r\n",
        StandardCharsets.UTF_8);

    CliRun.Result refused = vidgen("batch", jobs.toString(), "--max-credits", "400");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.all()).contains("line 1: images[0]: " + dir.resolve("imgs ü #\\b 日本 #2.png")
        + " does not exist: it is written the Windows way (\\ between folders)", "write it with /: "
        + dir.resolve("imgs ü #/b 日本 #2.png"));
    assertThat(refused.all()).contains("line 2: images[0]: " + dir.resolve("C:\\Users\\ana\\b.png") + " does not"
        + " exist: it is written the Windows way (a drive letter C: and \\ between folders)",
        "such as /mnt/c/Users/ana/b.png (the C: drive under WSL)");
    assertThat(refused.all()).contains("line 3: images[0]: " + dir.resolve("~/x.png") + " does not exist: it starts"
        + " with ~, which was not expanded", "a jobs file never does");
    assertThat(refused.all()).contains("line 4: videos[0]: " + dir.resolve("clips\\a.mp4") + " does not exist: it is"
        + " written the Windows way", "write it with /: " + dir.resolve("clips/a.mp4"));
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
  }

  @Test
  void anInputWhoseNameIsThereInAnotherUnicodeFormIsNamedNotUsed() throws IOException {
    // As copied from a Mac: the names are stored decomposed (NFD), the user types them composed (NFC).
    String nfdName = Normalizer.normalize("\u00dcbergr\u00f6\u00dfe Foto.png", Normalizer.Form.NFD);
    Files.createDirectories(dir.resolve("Fotos vom Mac"));
    Files.copy(dir.resolve("product.png"), dir.resolve("Fotos vom Mac").resolve(nfdName));
    Path nfdFolder = Files.createDirectories(dir.resolve(Normalizer.normalize("\u00e9cole", Normalizer.Form.NFD)));
    Files.copy(dir.resolve("product.png"), nfdFolder.resolve("caf\u00e9.png"));
    Files.write(dir.resolve(Normalizer.normalize("Clip f\u00fcr Mia.mp4", Normalizer.Form.NFD)), new byte[] {0});
    Path jobs = Files.writeString(dir.resolve("nfd.jsonl"),
        "{\"model\": \"seedance-2\", \"prompt\": \"a\", \"images\": [\"\u00e9cole/caf\u00e9.png\"]}\n"
            + "{\"model\": \"seedance-2\", \"prompt\": \"b\", \"videos\": [\"Clip f\u00fcr Mia.mp4\"]}\n",
        StandardCharsets.UTF_8);

    CliRun.Result refused = vidgen("generate", "--image", "Fotos vom Mac/\u00dcbergr\u00f6\u00dfe Foto.png", "--prompt",
        "Langsame Fahrt", "--dry-run");
    CliRun.Result batch = vidgen("batch", jobs.toString(), "--dry-run");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("images[0]: " + dir.resolve("Fotos vom Mac/\u00dcbergr\u00f6\u00dfe Foto.png")
        + " does not exist; a file of the same name is there, " + dir.resolve("Fotos vom Mac").resolve(nfdName)
        + ", but with its letters written in another Unicode form (decomposed, NFD, as files copied from a Mac often"
        + " are)", "give its name as ls shows it");
    assertThat(batch.exitCode()).as(batch.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(batch.all()).contains("line 1: images[0]: " + dir.resolve("\u00e9cole/caf\u00e9.png") + " does not"
        + " exist; a file of the same name is there, " + nfdFolder.resolve("caf\u00e9.png"));
    assertThat(batch.all()).contains("line 2: videos[0]: " + dir.resolve("Clip f\u00fcr Mia.mp4") + " does not exist;"
        + " a file of the same name is there");
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
  }

  @Test
  void aMissingImageWithAnOrdinaryNameKeepsItsPlainWords() {
    CliRun.Result refused = vidgen("generate", "--image", "nope.png", "--prompt", "p", "--max-credits", "40");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains(dir.resolve("nope.png") + " does not exist; give the path of a JPEG, PNG or"
        + " WebP file or an http(s) URL").doesNotContain("Windows way", "not expanded");
  }

  @Test
  void aJobsFileWhoseNameStartsWithDashIsNamedWithTheWayToGiveIt() throws IOException {
    Files.writeString(dir.resolve("-jobs é.jsonl"), "{\"model\": \"seedance-2\", \"prompt\": \"a\"}\n",
        StandardCharsets.UTF_8);

    CliRun.Result refused = vidgen("batch", "-jobs é.jsonl", "--dry-run");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("'-jobs é.jsonl' was read as an option, which vidgen batch does not take, so"
        + " vidgen batch was given no jobs file; nothing was sent", "goes last, after --",
        "vidgen batch --dry-run --base-url " + fake.baseUrl(), "-- '-jobs é.jsonl'", "'./-jobs é.jsonl'")
        .doesNotContain("Missing required parameter");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void anImmutableFolderWhoseModeLetsThisUserWriteIsNotSaidToForbidThisUser() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("imm755"));
    assumeTrue(chattr("+i", folder), "chattr +i is not available here");
    CliRun.Result refused;
    try {
      refused = vidgen("generate", "--image", "product.png", "--prompt", "ro test", "--out", "imm755/v.mp4",
          "--dry-run");
    } finally {
      chattr("-i", folder);
    }

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("the folder " + folder + " does not accept new files: the system refused to"
        + " make files there (Operation not permitted), though its owner and mode", "may be immutable")
        .doesNotContain("this user may not make files there");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void anOutputNameTheLocaleCannotReadIsGivenOutputAdvice() {
    CliRun.Result download = cli.vidgen().env("LC_ALL", "C").runProcess("download", "video_x", "--out", "dl é.mp4",
        "--base-url", fake.baseUrl());
    CliRun.Result outDir = cli.vidgen().env("LC_ALL", "C").runProcess("batch", "jobs.jsonl", "--out-dir", "v é");

    assertThat(download.exitCode()).as(download.all()).isEqualTo(2);
    assertThat(download.err()).contains("(the value of --out) holds characters that could not be read",
        "LC_ALL=C.UTF-8", "or give --out a name in ASCII letters (--out clip.mp4")
        .doesNotContain("a copy or a link", "input.png");
    assertThat(outDir.exitCode()).as(outDir.all()).isEqualTo(2);
    assertThat(outDir.err()).contains("or give --out-dir a name in ASCII letters (--out-dir videos)")
        .doesNotContain("a copy or a link", "input.png");
  }

  @Test
  void aResultsFolderThatRefusesWritesHalfWayIsToldToFixPermissionsFirst() throws Exception {
    Path videos = Files.createDirectories(dir.resolve("half out é"));
    assumeTrue(chattr("+i", videos) && chattr("-i", videos), "chattr +i is not available here");
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"),
        "{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"waves\", \"seconds\": 5}\n", StandardCharsets.UTF_8);
    CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(() -> vidgen("batch", jobs.toString(),
        "--out-dir", videos.toString()));
    CliRun.Result failed;
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> !fake.creates().isEmpty() || run.isDone());
      assertThat(run).as(() -> run.join().all()).isNotDone();
      assertThat(chattr("+i", videos)).isTrue();
      failed = run.get(60, TimeUnit.SECONDS);
    } finally {
      chattr("-i", videos);
    }

    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(failed.err()).contains("operation not permitted", "fix the permissions of " + videos
        + " (or make room in it) and run the same command again").doesNotContain("make room in " + videos + " (or");
    assertThat(fake.creates()).hasSize(1);
  }

  /** Runs {@code chattr FLAG folder}: whether it worked (it needs root and a file system that keeps the flag). */
  private static boolean chattr(String flag, Path folder) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      return false;
    }
    process.getInputStream().readAllBytes();
    return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
  }
}
