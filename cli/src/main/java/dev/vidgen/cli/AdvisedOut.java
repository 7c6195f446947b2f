package dev.vidgen.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The {@code --out} a printed command advises for a task's video: the one the task was meant for, unless a file
 * there now holds another video (a run that raced to the same path saved its own there), in which case the free
 * name beside it that saving would choose, since the command would refuse that file and never write over it.
 */
final class AdvisedOut {
  private AdvisedOut() {}

  /** The {@code --out} to advise for task {@code taskId} made on {@code baseUrl} (null: the provider's own address). */
  static String of(CliContext context, String baseUrl, String out, String taskId) {
    if (out == null || out.equals("-") || out.endsWith("/") || out.endsWith(java.io.File.separator)) {
      return out;
    }
    java.util.Optional<Path> named = LocalePaths.of(out);
    if (named.isEmpty()) {
      return out; // this locale cannot name it (a C locale, non-ASCII letters), so cannot look there: advised as kept
    }
    Path path = context.resolve(named.get()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || SavedBefore.of(context, baseUrl, taskId, path).isPresent()) {
      return out; // nothing there yet, a link or device the command explains itself, or this task's own video
    }
    return Finisher.besides(path, taskId).toString();
  }
}
