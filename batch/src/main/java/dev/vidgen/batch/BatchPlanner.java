package dev.vidgen.batch;

import dev.vidgen.core.files.OutPaths;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every line against its model and the provider's live model list, prices it and gives it
 * a key and a file; sends nothing.
 */
final class BatchPlanner {
  private final JobBackend backend;

  BatchPlanner(JobBackend backend) {
    this.backend = backend;
  }

  BatchPlan plan(String batch, List<BatchLine> lines, Path outDir) {
    List<PlannedJob> jobs = new ArrayList<>();
    List<BatchLine> invalid = new ArrayList<>();
    List<PlannedJob> followable = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    Map<String, Integer> digests = new HashMap<>();
    Map<Path, Integer> outs = new HashMap<>();
    Map<String, List<Violation>> unavailable = new HashMap<>(); // one look at the live list per model
    for (BatchLine line : lines) {
      // The model's checks bar a create only: a line failing them alone may still follow a task it made before.
      List<Violation> modelProblems = new ArrayList<>();
      List<Violation> problems = new ArrayList<>();
      PriceQuote quote = null;
      if (line.isValid()) {
        ValidationReport report = backend.validate(line.job());
        modelProblems.addAll(report.violations());
        if (report.isValid()) {
          try {
            quote = backend.quote(line.job());
          } catch (InvalidJobException e) {
            modelProblems.addAll(e.violations());
          }
          modelProblems.addAll(unavailable.computeIfAbsent(line.job().model(), backend::unavailable));
        }
      }
      String key = line.id();
      if (key != null) {
        Integer first = ids.putIfAbsent(key, line.number());
        if (first != null) {
          problems.add(Violation.error("id", "line.duplicate_id", key, "a unique id",
              "line " + line.number() + ": id " + key + " is already used by line " + first));
        }
      } else {
        int seen = digests.merge(line.fingerprint(), 1, Integer::sum);
        key = "job-" + line.fingerprint().substring(0, 12) + (seen > 1 ? "-" + seen : "");
      }
      Path root = outDir.toAbsolutePath().normalize();
      String outName = line.out() != null ? line.out() : fileName(key) + ".mp4";
      Path out = nameable(root, outName);
      Optional<Violation> foreign = line.out() == null ? Optional.empty() : foreignOut(line, root, key);
      Integer sameOut = out == null || foreign.isPresent() ? null : outs.putIfAbsent(out, line.number());
      if (foreign.isPresent()) {
        problems.add(foreign.get());
      } else if (out == null) {
        problems.add(unnameable(line, outName));
      } else if (!out.startsWith(root) || out.equals(root)) {
        problems.add(Violation.error("out", "line.out_outside", line.out(), "a file inside " + root,
            "line " + line.number() + ": out " + line.out() + " is not a file inside the output folder " + root
                + "; give a relative path such as " + fileName(key) + ".mp4 or sub/" + fileName(key) + ".mp4"));
      } else if (sameOut != null) {
        problems.add(Violation.error("out", "line.duplicate_out", out.toString(), "a file no other line writes",
            "line " + line.number() + ": out " + out + " is already written by line " + sameOut));
      } else {
        unwritable(line, root, out).ifPresent(problems::add);
      }
      BatchLine checked = line.withViolations(modelProblems).withViolations(problems);
      if (checked.isValid() && quote != null) {
        jobs.add(new PlannedJob(key, line.number(), line.job(), out, quote, line.fingerprint()));
      } else {
        invalid.add(checked);
        if (line.isValid() && problems.stream().noneMatch(Violation::isError)) {
          PriceQuote known = quote != null ? quote
              : PriceQuote.unknown(line.job().model(), "the model's checks failed");
          followable.add(new PlannedJob(key, line.number(), line.job(), out, known, line.fingerprint(),
              checked.errors()));
        }
      }
    }
    return new BatchPlan(batch, lines, jobs, invalid, outDir, followable);
  }

  /** {@code name} inside {@code root}; null when this locale cannot name that file (a C locale, other letters). */
  private static Path nameable(Path root, String name) {
    try {
      return root.resolve(name).normalize();
    } catch (java.nio.file.InvalidPathException unnameable) {
      return null;
    }
  }

  /**
   * The refusal of a line whose {@code out} would make something other than it reads as: a path written the Windows
   * way (one file name holding backslashes, a drive letter taken as a folder), or a {@code ~} taken as a home folder,
   * which here is a folder named {@code ~} inside the output folder.
   */
  private static Optional<Violation> foreignOut(BatchLine line, Path root, String key) {
    String given = line.out();
    Optional<String> windows = OutPaths.windowsStyle(given);
    if (windows.isPresent()) {
      String slashed = OutPaths.relativeWithSlashes(given);
      String example = slashed.isEmpty() || slashed.endsWith("/") ? slashed + fileName(key) + ".mp4" : slashed;
      boolean driveOnly = given.indexOf('\\') < 0;
      // A drive written with / is read as a folder of that name, which ./ keeps when it is meant.
      String system = driveOnly ? "that has no drive letters (" + given.substring(0, 2) + " would be a folder named "
          + given.substring(0, 2) + " in the output folder)" : "whose folders are separated by / (a \\ would be part"
          + " of one file name)";
      return Optional.of(Violation.error("out", "line.out_windows_path", given, "a path written with /",
          "line " + line.number() + ": out " + given + " is written the Windows way (" + windows.get() + "), but"
              + " vidgen runs on a system " + system + "; give a path inside the output folder " + root
              + (driveOnly ? " without " + given.substring(0, 2) : " written with /") + ", such as " + example
              + (driveOnly ? ", or ./" + given.substring(0, 2) + "/" + example + " if you mean a folder named "
              + given.substring(0, 2) : "")));
    }
    return OutPaths.unexpandedHome(given).map(home -> {
      // out's last part is a file: ~x.mp4 alone would be a file of that name, ~/x.mp4 a folder ~ holding x.mp4.
      String kind = given.length() > home.length() ? "a folder" : "a file";
      return Violation.error("out", "line.out_home", given, "a file inside " + root, "line " + line.number() + ": out "
          + given + " starts with " + home + ", which is no home folder here: out is read from the output folder, so"
          + " it would make " + kind + " named " + home + " in " + root + "; give a path inside that folder such as "
          + fileName(key) + ".mp4, or ./" + given + " if you mean " + kind + " named " + home);
    });
  }

  /** The refusal of a line whose file {@code name} cannot be named in this locale: found before anything is paid. */
  private static Violation unnameable(BatchLine line, String name) {
    return Violation.error("out", "line.out_unnameable", name, "a file name this locale can write",
        "line " + line.number() + ": its file " + name + " cannot be named in this locale (file names are read as "
            + System.getProperty("sun.jnu.encoding", "its charset") + "); run with a UTF-8 locale"
            + " (LC_ALL=C.UTF-8 vidgen ...; bin/vidgen sets it), or give the line an \"out\" in ASCII letters");
  }

  /**
   * Why the video could not be saved as {@code out}, found before anything is paid for: a name
   * ending in a slash, an existing folder, a file where a folder on the way should be, or a name
   * or path too long (with the temporary name it is written to first).
   */
  private static Optional<Violation> unwritable(BatchLine line, Path root, Path out) {
    String why = null;
    if (line.out() != null && (line.out().endsWith("/") || line.out().endsWith("\\"))) {
      why = "names a folder";
    } else if (Files.isDirectory(out)) {
      why = "is an existing folder";
    } else {
      for (Path on = out.getParent(); on != null && on.startsWith(root) && !on.equals(root); on = on.getParent()) {
        if (Files.exists(on) && !Files.isDirectory(on)) {
          why = "cannot be made: " + on + " is a file, not a folder";
          break;
        }
      }
      Optional<String> tooLong = why == null ? dev.vidgen.core.client.SaveTargets.nameTooLong(out) : Optional.empty();
      if (tooLong.isPresent()) {
        return Optional.of(Violation.error("out", "line.out_unwritable", String.valueOf(line.out()),
            "a file name inside the output folder", "line " + line.number() + ": out " + out + " cannot be made: "
                + tooLong.get()));
      }
    }
    return Optional.ofNullable(why).map(reason -> Violation.error("out", "line.out_unwritable",
        String.valueOf(line.out()), "a file name inside the output folder",
        "line " + line.number() + ": out " + out + " " + reason + "; give a file name, such as sub/clip.mp4"));
  }

  /** A file name made of the key's safe characters: letters and digits of any script, dot, dash and underscore. */
  static String fileName(String key) {
    String safe = key.replaceAll("[^\\p{L}\\p{M}\\p{N}._-]", "_");
    return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
  }
}
