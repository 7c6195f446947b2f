package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.PlaygroundFixture.Answer;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playground create on a route with client references answered with a server error (HTTP 500, no task made), whose
 * look-up could not be made then: the history's note says it was answered with a server error, which its later
 * look-up reads, rather than that it got no answer.
 */
class ServerErrorCreateInPlaygroundTest {
  @TempDir Path folder;

  private final FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(5))
      .start();
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder, fake);

  @Test
  void theNoteOfACreateAnsweredWithAServerErrorSaysSo() {
    on.startOnFake("seedance-2");
    fake.inject(Endpoint.CREATE, Fault.serverError(), 50); // no task is made
    fake.inject(Endpoint.STATUS, Fault.unavailable(), 100); // and its look-up fails, so the job stays unknown

    Answer answer = on.answer("/api/generate", "{\"model\":\"seedance-2\",\"prompt\":\"boom in the playground\","
        + "\"seconds\":5}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(502);
    assertThat(fake.taskIds()).isEmpty();
    HistoryEntry note = on.history().entries().stream().filter(entry -> entry.status().equals(HistoryEntry.UNKNOWN))
        .findFirst().orElseThrow();
    assertThat(note.taskId()).startsWith("unanswered-vg-");
    assertThat(note.error()).as("what the create's answer was, for its look-up to read")
        .startsWith("its create was answered with a server error (toapis: HTTP 500")
        .contains("look the task up with vidgen status " + note.taskId());
  }
}
