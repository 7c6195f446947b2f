package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch journal another local user could have planted (a symbolic link of theirs at the journal's name or at one of
 * SQLite's side files' names, or a new journal in a folder anyone may write, as made with {@code mkdir -m 0777}) is
 * refused before anything is sent, exit 2, naming the path, what is wrong and the fix: SQLite never makes the file the
 * link leads to. A link of this user's own to its journal is followed. The links are made another user's by
 * changing their owner, which only root may do: those tests are skipped for other users.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class PlantedBatchJournalTest {
  private static final String LINE = "{\"id\": \"%s\", \"prompt\": \"shot %<s\", \"images\": [\"still.png\"],"
      + " \"seconds\": 10}";
  private static final int OTHER_USER = 1234;

  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start();
  private final FakeToApisServer fake = batches.fake();

  /** A folder anyone may write, holding a jobs file of one line. */
  private Path sharedJobs(String folder) throws IOException {
    Path jobs = batches.jobs(folder, LINE.formatted("a"));
    Files.setPosixFilePermissions(jobs.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
    return jobs;
  }

  /** A dangling link at {@code link} to {@code target}, owned by another user, as that user would plant it. */
  private static void plant(Path link, Path target) throws IOException {
    Files.createSymbolicLink(link, target);
    try {
      Files.setAttribute(link, "unix:uid", OTHER_USER, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException notRoot) {
      assumeTrue(false, "only root may give a link to another user: " + notRoot);
    }
  }

  @Test
  void aDanglingLinkAnotherUserPlantedAtTheDefaultJournalIsRefusedAndNothingIsMadeWhereItLeads() throws IOException {
    Path jobs = sharedJobs("shared");
    Path journal = jobs.resolveSibling("jobs.journal");
    Path planted = Files.createDirectories(batches.dir().resolve("theirs")).resolve("planted.db");
    plant(journal, planted);

    CliRun.Result run = batches.run("batch", jobs.toString(), "--poll-interval", "20ms");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(run.err()).contains("the journal " + journal + " is not safe to use: " + journal + " is a symbolic link"
        + " to " + planted + " made by uid " + OTHER_USER + ", not by this user", "nothing was sent",
        "remove the link (rm " + journal + "), or put the journal in a folder of your own: --journal ~/jobs.journal");
    assertThat(planted).as("SQLite made nothing through the link").doesNotExist();
    assertThat(fake.requests()).as("nothing read from ToAPIs or sent").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDanglingLinkAnotherUserPlantedAtTheJournalGivenIsRefusedByTheRunAndItsDryRun() throws IOException {
    Path jobs = sharedJobs("given");
    Path planted = Files.createDirectories(batches.dir().resolve("theirs")).resolve("planted2.db");
    plant(jobs.resolveSibling("jobs.journal"), planted);
    String journal = jobs.resolveSibling("jobs.journal").toString();

    CliRun.Result run = batches.run("batch", jobs.toString(), "--journal", journal, "--poll-interval", "20ms",
        "--json");
    CliRun.Result dryRun = batches.run("batch", jobs.toString(), "--journal", journal, "--dry-run");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.INVALID_JOB);
    Map<String, Object> error = (Map<String, Object>) run.json().get("error");
    assertThat(error).containsEntry("kind", "usage").containsEntry("exit_code", 2.0);
    assertThat((String) error.get("message")).contains("is a symbolic link to " + planted, "nothing was sent");
    assertThat(dryRun.exitCode()).as(dryRun.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dryRun.err()).contains("is a symbolic link to " + planted);
    assertThat(planted).doesNotExist();
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid").isEmpty();
  }

  @Test
  void aLinkAnotherUserPlantedAtASideFileOfTheJournalIsRefused() throws IOException {
    Path jobs = sharedJobs("side");
    Path wal = jobs.resolveSibling("jobs.journal-wal");
    Path planted = Files.createDirectories(batches.dir().resolve("theirs")).resolve("planted.db-wal");
    plant(wal, planted);

    CliRun.Result run = batches.run("batch", jobs.toString(), "--poll-interval", "20ms");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(run.err()).contains(wal + " is a symbolic link to " + planted + " made by uid " + OTHER_USER,
        "remove the link (rm " + wal + ")");
    assertThat(jobs.resolveSibling("jobs.journal")).as("no journal made").doesNotExist();
    assertThat(planted).doesNotExist();
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void aNewJournalInAFolderAnyoneMayWriteIsRefusedWithTheWayToAFolderOfOnesOwn() throws IOException {
    Path jobs = sharedJobs("open");

    CliRun.Result run = batches.run("batch", jobs.toString(), "--poll-interval", "20ms");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(run.err()).contains("its folder " + jobs.getParent().toRealPath() + " is writable by others (mode 0777)",
        "side files (-journal, -wal, -shm)", "nothing was sent",
        "put the journal in a folder of your own: --journal ~/jobs.journal");
    assertThat(jobs.resolveSibling("jobs.journal")).doesNotExist();
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void anEmptyJournalFileAnotherUserMadeInAFolderAnyoneMayWriteIsNotFilled() throws IOException {
    Path jobs = sharedJobs("filled");
    Path theirs = Files.createFile(jobs.resolveSibling("jobs.journal"));
    Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rw-rw-rw-"));
    try {
      Files.setAttribute(theirs, "unix:uid", OTHER_USER, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException notRoot) {
      assumeTrue(false, "only root may give a file to another user: " + notRoot);
    }

    CliRun.Result run = batches.run("batch", jobs.toString(), "--poll-interval", "20ms");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(run.err()).contains(theirs + " is owned by uid " + OTHER_USER + ", not by this user",
        "in a folder another user may write", "nothing was sent");
    assertThat(Files.size(theirs)).as("no task id written into their file").isZero();
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void aNewJournalInAFolderOfThisUsersThatOnlyItsGroupMayWriteIsMadeAsBefore() throws IOException {
    Path jobs = batches.jobs("group", LINE.formatted("a"));
    Files.setPosixFilePermissions(jobs.getParent(), PosixFilePermissions.fromString("rwxrwxr-x"));

    batches.batchDone(jobs);

    assertThat(Files.getPosixFilePermissions(jobs.resolveSibling("jobs.journal")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void aLinkOfThisUsersOwnToItsJournalIsFollowedAndTheBatchGoesOnFromIt() throws IOException {
    Path jobs = batches.jobs("own", LINE.formatted("a"));
    Path kept = Files.createDirectories(batches.dir().resolve("kept")).resolve("jobs.journal");
    batches.batchDone(jobs, "--journal", kept.toString());
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
    Path link = Files.createSymbolicLink(jobs.resolveSibling("linked.journal"), kept);

    batches.batchDone(jobs, "--journal", link.toString());

    assertThat(fake.requests(Endpoint.CREATE)).as("the journal the link leads to was read: nothing sent twice")
        .hasSize(1);
  }
}
