package dev.vidgen.cli;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.ResultUnusableException;

/**
 * Why a batch job's video link cannot be used, read back from its journal reason, which begins with the words of
 * {@link ResultUnusableException} around that why: the task history keeps the why alone, as {@code generate} does.
 */
final class UnusableLinks {
  private static final String SAID = "\u0001said\u0001";

  private UnusableLinks() {}

  /** The why within {@code entry}'s reason (a job failed with {@code result_unusable}), else its whole reason. */
  static String problem(Entry entry) {
    String reason = entry.reason() == null ? "" : entry.reason();
    String words = new ResultUnusableException(TaskId.of(entry.taskId()), SAID).getMessage();
    String before = words.substring(0, words.indexOf(SAID));
    String after = words.substring(words.indexOf(SAID) + SAID.length());
    int end = reason.lastIndexOf(after);
    if (!reason.startsWith(before) || end < before.length()) {
      return reason;
    }
    return reason.substring(before.length(), end);
  }
}
