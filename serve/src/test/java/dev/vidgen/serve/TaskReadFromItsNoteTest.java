package dev.vidgen.serve;

import static dev.vidgen.serve.PlaygroundFixture.JSON;
import static dev.vidgen.serve.PlaygroundFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.provider.mock.MockCall;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.PlaygroundFixture.Answer;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task whose own history line cannot be read (changed by hand) but whose create's note, still readable, names it: the
 * playground lists it from that note, as {@code vidgen history} does, and never calls it by the note's stand-in status.
 */
class TaskReadFromItsNoteTest {
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String TASK = "video_nb7h6ishj1f3";
  private static final String FORM = "{\"model\":\"" + MODEL + "\",\"prompt\":\"P hist corrupt u\","
      + "\"images\":[{\"url\":\"https://example.com/a.png\"}]}";

  @TempDir Path folder;

  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder);
  private final Instant at = Instant.now().minusSeconds(25).truncatedTo(ChronoUnit.MILLIS);
  private MockVideoProvider mock;
  private String note;

  @BeforeEach
  void startOnAHistoryWithTheTaskLineDamaged() throws IOException {
    TaskHistory history = on.history();
    HistoryEntry unanswered = HistoryEntry.unanswered("vg-1", true, "mock", job(), handle().quote(), at, at,
        "its create went out at " + at + " and " + HistoryEntry.SENDING_MARK, "generate");
    note = unanswered.taskId();
    history.record(unanswered);
    history.record(HistoryEntry.submitted(handle(), job(), "generate"));
    history.record(unanswered.answeredAs(handle(), at.plusSeconds(1)));
    List<String> lines = new ArrayList<>(Files.readAllLines(history.file(), StandardCharsets.UTF_8));
    assertThat(lines.get(1)).contains("\"task_id\":\"" + TASK + "\"", "\"credits\":20");
    lines.set(1, lines.get(1).replace("\"credits\":20", "\"credits\":\"twenty\""));
    Files.writeString(history.file(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    assertThat(history.unreadableLines()).as("the task's own line is not read").isEqualTo(1);

    mock = MockVideoProvider.builder().duration(Duration.ofMillis(500)).build();
    on.client(VidgenClient.builder().provider(mock).build());
    on.start(MODEL, List.of("--provider", "mock"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHistoryListsTheTaskFromItsNoteAsUnreadableWithTheNotesPriceAndHowToFollowIt() throws IOException {
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) answer("GET", "/api/history", null, 200).get("tasks");

    assertThat(tasks).as("the take the same-job check holds the job back for is on the page").hasSize(1);
    Map<String, Object> task = tasks.get(0);
    assertThat(task).containsEntry("task_id", TASK).containsEntry("status", "unreadable")
        .containsEntry("read_from_note", note).containsEntry("model", MODEL).containsEntry("credits", 20L)
        .containsEntry("elapsed_ms", null).containsEntry("progress", null);
    assertThat((String) task.get("problem")).contains("task " + TASK + "'s own line in the task history cannot be"
        + " read", "the note of the create that made it, " + note + ", names it", "where it stands is not known here");
    assertThat((String) task.get("next")).contains("vidgen wait " + TASK, "follows it and saves its video")
        .doesNotContain("the status it last recorded");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobIsRefusedNamingTheTaskAsReadFromItsNoteNotAsQueued() throws IOException {
    Map<String, Object> check = answer("POST", "/api/check", FORM, 200);
    Map<String, Object> refused = answer("POST", "/api/generate", FORM, 409);

    assertThat((Map<String, Object>) check.get("same_job")).containsEntry("task_id", TASK)
        .containsEntry("status", "unreadable").containsEntry("read_from_note", note);
    assertThat((Map<String, Object>) refused.get("error")).containsEntry("code", "same_job")
        .containsEntry("sent", "no").hasEntrySatisfying("message", message -> assertThat((String) message)
            .contains("this exact job was generated", "task " + TASK + "'s own line in the task history cannot be"
                + " read", "the note of the create that made it, " + note + ", names it")
            .doesNotContain("queued"));
    assertThat((Map<String, Object>) refused.get("same_job")).containsEntry("task_id", TASK)
        .containsEntry("status", "unreadable").containsEntry("read_from_note", note);
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent").isEmpty();
  }

  private Map<String, Object> answer(String method, String path, String body, int status) {
    Answer answer = on.answer(on.request(path).method(method, body == null ? null : RequestBody.create(body, JSON))
        .build());
    assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(status);
    return json(answer.body());
  }

  private JobHandle handle() {
    return new JobHandle("mock", TaskId.of(TASK), MODEL,
        PriceQuote.ofUsd(MODEL, new BigDecimal("0.10"), "per request, 10 s"), at, null);
  }

  private static VideoJob job() {
    return VideoJob.builder(MODEL).prompt("P hist corrupt u").image("https://example.com/a.png").build();
  }
}
