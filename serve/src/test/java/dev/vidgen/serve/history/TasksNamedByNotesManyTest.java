package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A long history's notes name the same tasks as a short one's would: each note's task is found among thousands of
 * lines by provider, task id and server (spelled any way {@link BaseUrls#sameServer} reads as one), with the answer
 * the line-by-line search gives.
 */
class TasksNamedByNotesManyTest {
  private static final Instant AT = Instant.parse("2026-12-06T01:26:35Z");
  private static final int JOBS = 1500;

  @Test
  void aLongHistorysNotesNameTheTasksALineByLineSearchFinds() {
    List<HistoryEntry> latest = manyTasksAndNotes();

    Map<String, HistoryEntry> standIns = TasksNamedByNotes.standIns(latest);
    List<HistoryEntry> withStandIns = TasksNamedByNotes.withStandIns(latest);

    assertThat(standIns).as("one stand-in for each task that only notes name, under the newest note's name")
        .isEqualTo(searchedStandIns(latest));
    assertThat(withStandIns).as("the tasks with their stand-ins, newest first").isEqualTo(searchedWithStandIns(latest));
    // Jobs 1, 2 and 3 of every 5 have no line of their own on the note's server; jobs 0 and 4 do.
    assertThat(standIns).hasSize(JOBS / 5 * 3);
    assertThat(standIns.values()).extracting(HistoryEntry::taskId).doesNotHaveDuplicates()
        .contains("video_1", "video_2", "video_3").doesNotContain("video_0", "video_4", "video_5", "video_9");
    assertThat(standIns.values()).filteredOn(task -> task.taskId().equals("video_2")).singleElement()
        .as("the same id on another server is another task").extracting(HistoryEntry::baseUrl)
        .isEqualTo(server(2));
    assertThat(withStandIns).as("every line but the answered notes, and the stand-ins")
        .hasSize(latest.size() - JOBS / 5 * 4 + standIns.size());
  }

  /**
   * Notes of {@link #JOBS} creates on two providers and several servers, each answered or found: job 0 (of every 5)
   * with its task's line on the same server spelled another way, job 1 without it, job 2 with a task of that id on
   * another server only, job 3 without it and named by two notes, job 4 found, with its task's line.
   */
  private static List<HistoryEntry> manyTasksAndNotes() {
    List<HistoryEntry> latest = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      JobHandle handle = handle(i);
      HistoryEntry note = note(i, "vg-" + i).withBaseUrl(server(i));
      switch (i % 5) {
        case 0 -> {
          latest.add(task(handle).withBaseUrl(sameServerRespelled(i)));
          latest.add(note.answeredAs(handle, AT.plusSeconds(i)));
        }
        case 1 -> latest.add(note.answeredAs(handle, AT.plusSeconds(i)));
        case 2 -> {
          latest.add(task(handle).withBaseUrl("http://127.0.0.1:29999"));
          latest.add(note.answeredAs(handle, AT.plusSeconds(i)));
        }
        case 3 -> {
          latest.add(note.answeredAs(handle, AT.plusSeconds(i)));
          latest.add(note(i, "vg-again-" + i).withBaseUrl(server(i)).foundAs(handle, AT.plusSeconds(i + 1)));
        }
        default -> {
          latest.add(task(handle).withBaseUrl(server(i)));
          latest.add(note.foundAs(handle, AT.plusSeconds(i)));
        }
      }
    }
    return latest;
  }

  /** The stand-ins as a search of every line for each note's task finds them. */
  private static Map<String, HistoryEntry> searchedStandIns(Collection<HistoryEntry> latest) {
    Map<String, HistoryEntry> standIns = new LinkedHashMap<>();
    latest.stream().sorted(Comparator.comparing(HistoryEntry::submittedAt).reversed())
        .forEach(note -> searchedStandIn(note, latest).filter(task -> !searched(task, standIns.values()))
            .ifPresent(task -> standIns.put(note.taskId(), task)));
    return standIns;
  }

  private static List<HistoryEntry> searchedWithStandIns(Collection<HistoryEntry> latest) {
    List<HistoryEntry> entries = new ArrayList<>();
    latest.stream().filter(entry -> !entry.status().equals(HistoryEntry.ANSWERED)).forEach(entries::add);
    for (HistoryEntry note : latest) {
      searchedStandIn(note, latest).filter(task -> !searched(task, entries)).ifPresent(entries::add);
    }
    entries.sort(Comparator.comparing(HistoryEntry::submittedAt).reversed());
    return entries;
  }

  private static Optional<HistoryEntry> searchedStandIn(HistoryEntry note, Collection<HistoryEntry> latest) {
    boolean namesItsTask = note.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)
        && (note.status().equals(HistoryEntry.ANSWERED) || note.status().equals(HistoryEntry.FOUND));
    if (!namesItsTask) {
      return Optional.empty();
    }
    return note.jobHandle().filter(handle -> handle.providerId().equals(note.provider()))
        .map(handle -> note.madeAs(handle, "queued", note.updatedAt())).filter(made -> !searched(made, latest));
  }

  private static boolean searched(HistoryEntry task, Collection<HistoryEntry> among) {
    return among.stream().anyMatch(entry -> entry.provider().equals(task.provider())
        && entry.taskId().equals(task.taskId())
        && BaseUrls.sameServer(task.provider(), entry.baseUrl(), task.baseUrl()));
  }

  private static String provider(int job) {
    return job % 2 == 0 ? "toapis" : "mock";
  }

  private static String server(int job) {
    return job % 3 == 0 ? null : "http://127.0.0.1:" + (29000 + job % 7);
  }

  /** The note's server as another command spelled it: one server all the same. */
  private static String sameServerRespelled(int job) {
    String server = server(job);
    if (server == null) {
      return provider(job).equals("toapis") ? "https://TOAPIS.com/v1/" : "";
    }
    return server.toUpperCase(Locale.ROOT) + (provider(job).equals("toapis") ? "/v1" : "/");
  }

  private static HistoryEntry task(JobHandle handle) {
    return HistoryEntry.submitted(handle, job(0), "generate");
  }

  private static HistoryEntry note(int job, String reference) {
    return HistoryEntry.unanswered(reference, false, provider(job), job(job), null, AT.plusMillis(job),
        AT.plusMillis(job), "its create went out at " + AT + " and " + HistoryEntry.SENDING_MARK, "generate");
  }

  private static JobHandle handle(int job) {
    return new JobHandle(provider(job), TaskId.of("video_" + job), "grok-video-1.5-preview",
        PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s"), AT.plusMillis(job),
        null);
  }

  private static VideoJob job(int job) {
    return VideoJob.builder("grok-video-1.5-preview").prompt("P many " + job).build();
  }
}
