package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A data folder reached through a link to a folder that does not exist (a home on a drive not mounted): the
 * history's warnings and {@code vidgen history} name the link and where it leads, with the fix, and a paid run still
 * goes on once, as documented for a history that cannot be written.
 */
class DanglingDataFolderTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  @SuppressWarnings("unchecked")
  void aHomeThatLinksToAMissingFolderIsNamedInTheWarningsAndThePaidRunGoesOnOnce() throws IOException {
    Path missing = cli.dir().resolve("missing \u00e9");
    Path dangle = Files.createSymbolicLink(cli.dir().resolve("dangle"), missing);

    CliRun.Result made = run("HOME", dangle).run("generate", "--json", "--image", "product.png", "--prompt",
        "dangling home", "--out", "dh.mp4", "--retry-delay", "1ms", "--poll-interval", "20ms");

    assertThat(made.exitCode()).as(made.all()).isZero();
    assertThat(cli.fake().requests(Endpoint.CREATE)).as("sent once, as a history that cannot be written allows")
        .hasSize(1);
    List<Map<String, String>> warnings = (List<Map<String, String>>) made.json().get("warnings");
    assertThat(warnings).extracting(warning -> warning.get("code")).as(made.all())
        .contains("history.unlocked", "history.not_recorded");
    assertThat(made.err()).contains(dangle + " is a link to " + missing + ", which does not exist (create it, or set"
        + " VIDGEN_HOME to a folder that exists)").doesNotContain("something else is already there");
  }

  @Test
  void historyOnADataFolderBehindALinkToAMissingFolderSaysItCannotBeWrittenAndTheFix() throws IOException {
    Path missing = cli.dir().resolve("missing \u00e9");
    Path dangle = Files.createSymbolicLink(cli.dir().resolve("dangle"), missing);

    for (String variable : List.of("HOME", "VIDGEN_HOME", "XDG_DATA_HOME")) {
      CliRun.Result history = run(variable, dangle).run("history");

      assertThat(history.exitCode()).as(variable + ": " + history.all()).isZero();
      assertThat(history.out()).as(variable).contains("No tasks yet, and ", " cannot be written: " + dangle
              + " is a link to " + missing + ", which does not exist, so ",
          "cannot record theirs there; create " + missing + ", or set VIDGEN_HOME to a folder this user may write")
          .doesNotContain("record theirs in");
    }
    assertThat(missing).as("nothing made through the link").doesNotExist();
  }

  /** A run whose data folder comes from {@code variable} set to {@code folder} (HOME set apart from it). */
  private CliRun run(String variable, Path folder) {
    CliRun run = cli.withoutHome().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
    if (!variable.equals("HOME")) {
      run = run.env("HOME", cli.dir().toString());
    }
    return run.env(variable, folder.toString());
  }
}
