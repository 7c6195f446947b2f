package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites a test's task history as if its tasks were made some time ago (the operator comes back later). */
final class AgedHistory {
  private static final Pattern HANDLE = Pattern.compile("\"handle\":\"(vg1\\.[^\"]+)\"");
  private static final Pattern TIME = Pattern.compile("\"(submitted_at|updated_at)\":\"([^\"]+)\"");

  private AgedHistory() {}

  /** Moves every handle's and entry's times in {@code home}'s history back by {@code age}. */
  static void age(Path home, Duration age) throws IOException {
    Path history = home.resolve("history.jsonl");
    Matcher handles = HANDLE.matcher(Files.readString(history));
    StringBuilder aged = new StringBuilder();
    while (handles.find()) {
      JobHandle handle = JobHandle.tryDecode(handles.group(1)).orElseThrow();
      JobHandle older = new JobHandle(handle.providerId(), handle.taskId(), handle.model(), handle.quote(),
          handle.submittedAt().minus(age), handle.clientReference(), handle.possibleExtraTasks());
      handles.appendReplacement(aged, Matcher.quoteReplacement("\"handle\":\"" + older.encode() + "\""));
    }
    handles.appendTail(aged);
    Matcher times = TIME.matcher(aged.toString());
    StringBuilder done = new StringBuilder();
    while (times.find()) {
      Instant older = Instant.parse(times.group(2)).minus(age);
      times.appendReplacement(done, Matcher.quoteReplacement("\"" + times.group(1) + "\":\"" + older + "\""));
    }
    times.appendTail(done);
    Files.writeString(history, done.toString());
  }
}
