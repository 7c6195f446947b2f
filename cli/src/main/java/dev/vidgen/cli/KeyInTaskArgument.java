package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.KeyInJob;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a task given on the command line (a task id, a {@code vg1.} handle, an unanswered create's name) that holds
 * an API key of the environment, in any form a job's text is refused for: it would go out in the address of a status
 * read or a look-up, which servers and proxies keep in their logs. Checked before anything is read or sent.
 */
final class KeyInTaskArgument {
  private KeyInTaskArgument() {}

  /** Throws a usage error (exit 2, nothing sent) when {@code given}, named {@code what}, holds a key of {@code context}. */
  static void refuse(CliContext context, String what, String given) {
    if (given == null) {
      return;
    }
    String text = given.strip();
    List<ApiKey> keys = EnvironmentKeys.of(context.env());
    Optional<String> words = KeyInJob.inTaskId(what, text, keys).or(() -> JobHandle.tryDecode(text)
        .flatMap(handle -> KeyInJob.inTaskId(what + "'s task id", handle.taskId().value(), keys)));
    if (words.isPresent()) {
      throw CliException.usage(words.get(), "give the task id that generate printed (vidgen history lists them), not"
          + " the API key");
    }
  }
}
