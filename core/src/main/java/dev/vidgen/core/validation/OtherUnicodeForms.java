package dev.vidgen.core.validation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Optional;

/**
 * A path that does not exist as written but does with some of its names in another Unicode normalization form: "Ü"
 * as one character (NFC, as most keyboards type it) or as "U" and a combining mark (NFD, as files copied from a Mac
 * often are). Linux takes each form for another name, so such a file is reported, never used in its place.
 */
final class OtherUnicodeForms {
  private OtherUnicodeForms() {}

  /**
   * The existing path {@code missing} (relative to the existing folder {@code base}) names with its names in another
   * Unicode form; empty when there is none, or when it would differ in anything but such forms.
   */
  static Optional<Path> of(Path base, Path missing) {
    Path found = base;
    boolean changed = false;
    for (Path part : missing) {
      String name = part.toString();
      Path exact = found.resolve(name);
      if (Files.exists(exact)) {
        found = exact;
        continue;
      }
      Optional<Path> other = sameNameOtherForm(found, name);
      if (other.isEmpty()) {
        return Optional.empty();
      }
      found = other.get();
      changed = true;
    }
    return changed && Files.exists(found) ? Optional.of(found) : Optional.empty();
  }

  /** The entry of {@code folder} whose name is {@code name} in another normalization form; empty when none is. */
  private static Optional<Path> sameNameOtherForm(Path folder, String name) {
    String composed = Normalizer.normalize(name, Normalizer.Form.NFC);
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String there = entry.getFileName().toString();
        if (!there.equals(name) && Normalizer.normalize(there, Normalizer.Form.NFC).equals(composed)) {
          return Optional.of(entry);
        }
      }
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // a folder that cannot be listed hints at nothing
    }
    return Optional.empty();
  }
}
