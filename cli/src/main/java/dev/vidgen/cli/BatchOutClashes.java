package dev.vidgen.cli;

import dev.vidgen.batch.BatchLine;
import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.PlannedJob;
import dev.vidgen.batch.ResultsManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of a batch whose {@code out} names a file the batch itself reads or keeps: its jobs file, its
 * journal (and that database's side files), its results manifest, a line's local image or video, or vidgen's
 * own files. A video saved there would destroy what the batch needs, the journal's paid task ids first, so such
 * a line is refused before anything is sent, even with {@code --start-over}.
 */
final class BatchOutClashes {
  private BatchOutClashes() {}

  /**
   * Refuses the run, exit 2, when a line's {@code out} is one of those files; {@code journal} is the journal's
   * location (a file path, or a URL that names no file here).
   */
  static void refuse(CliContext context, BatchPlan plan, Path jobsFile, String journal, Path videos) {
    Map<Path, String> kept = keptFiles(plan, jobsFile, journal, videos);
    List<String> clashes = new ArrayList<>();
    for (PlannedJob job : plan.jobs()) {
      Path out = OutTarget.real(job.out().toAbsolutePath().normalize());
      String what = kept.get(out);
      if (what == null) {
        what = OutTarget.vidgensOwnFile(context, out).map(history -> "vidgen's own file, beside the task history "
            + history).orElse(null);
      }
      if (what != null) {
        clashes.add("line " + job.line() + " (" + job.key() + "): out " + job.out() + " is " + what);
      }
    }
    if (!clashes.isEmpty()) {
      throw CliException.usage(String.join("; ", clashes) + ": its video would be saved over that file, which the"
          + " batch needs (even with --start-over); nothing was sent",
          "give " + (clashes.size() == 1 ? "that line" : "those lines") + " an out of " + (clashes.size() == 1 ? "its"
              : "their") + " own, such as clip.mp4");
    }
  }

  /** The files the batch reads or keeps, each (followed through links) to what it is, in words. */
  private static Map<Path, String> keptFiles(BatchPlan plan, Path jobsFile, String journal, Path videos) {
    Map<Path, String> kept = new LinkedHashMap<>();
    kept.put(OutTarget.real(jobsFile.toAbsolutePath().normalize()), "the jobs file");
    if (!dev.vidgen.journal.jdbc.Journals.isUrl(journal)) {
      Path file = Path.of(journal.strip()).toAbsolutePath().normalize();
      kept.put(OutTarget.real(file), "the batch's journal, which keeps its paid task ids");
      for (String side : List.of("-wal", "-shm", "-journal")) {
        kept.put(OutTarget.real(file.resolveSibling(file.getFileName() + side)), "a file of the batch's journal");
      }
    }
    kept.put(OutTarget.real(videos.toAbsolutePath().normalize().resolve(ResultsManifest.FILE)),
        "the batch's results manifest");
    for (BatchLine line : plan.lines()) {
      if (line.job() == null) {
        continue;
      }
      for (Path input : LocalFiles.of(line.job())) {
        kept.putIfAbsent(OutTarget.real(input.toAbsolutePath().normalize()), "an input of line " + line.number());
      }
    }
    return kept;
  }
}
