package dev.vidgen.core.validation;

import dev.vidgen.core.text.IoReasons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * The part of checking a local input file that images and videos share: it must exist, be a
 * regular file and be readable; its size and first bytes are then judged by the caller.
 *
 * @param formats what the message says is allowed, such as "JPEG, PNG or WebP"
 * @param missingCode the violation code for a file that does not exist
 * @param notAFileCode the violation code for a folder or another non-file
 * @param unreadableCode the violation code for a file that cannot be read
 */
record LocalFiles(String formats, String missingCode, String notAFileCode, String unreadableCode) {

  /** A file's size and its first bytes. */
  record Head(long size, byte[] bytes) {}

  /** The size and the first {@code headBytes} of {@code path}, or empty after adding the problem to {@code found}. */
  Optional<Head> read(String field, Path path, int headBytes, List<Violation> found) {
    String shown = Texts.shown(path);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      boolean link = Files.isSymbolicLink(path);
      String what = link ? " is a symbolic link to " + linkTarget(path) + ", which does not exist" : " does not exist";
      // A path typed for another shell or system (an unexpanded ~, a \ or C:) is told as such, with the path meant.
      String next = (link ? Optional.<String>empty() : ForeignInputPaths.hint(path))
          .orElse("; give the path of " + aFile() + " or an http(s) URL");
      found.add(Violation.error(field, missingCode, shown, "an existing " + formats + " file",
          field + ": " + shown + what + next));
      return Optional.empty();
    } catch (java.nio.file.FileSystemException e) {
      if (Files.isSymbolicLink(path)) {
        // ELOOP: a link whose chain never ends in a file (a loop, or too many links), not a matter of permissions.
        found.add(Violation.error(field, unreadableCode, shown, "a readable " + formats + " file",
            field + ": " + shown + " is a symbolic link that cannot be followed to a file (a loop of links, or too"
                + " many); give the path of " + aFile()));
        return Optional.empty();
      }
      return unreadable(field, shown, e, found);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return unreadable(field, shown, e, found);
    }
    if (!attributes.isRegularFile()) {
      String kind = attributes.isDirectory() ? "a directory" : "not a regular file";
      found.add(Violation.error(field, notAFileCode, shown, aFile(),
          field + ": " + shown + " is " + kind + "; give the path of " + aFile()));
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(path)) {
      return Optional.of(new Head(attributes.size(), in.readNBytes(headBytes)));
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return unreadable(field, shown, e, found);
    }
  }

  /**
   * "a JPEG, PNG or WebP file", "an MP4, MOV or WebM file": the article goes by how the first format's
   * letters are read out.
   */
  String aFile() {
    boolean vowelSound = !formats.isEmpty() && "AEFHILMNORSX".indexOf(formats.charAt(0)) >= 0;
    return (vowelSound ? "an " : "a ") + formats + " file";
  }

  Optional<Head> unreadable(String field, String shown, Exception e, List<Violation> found) {
    // Said in words ("permission denied"), never by Java's exception class.
    boolean refused = e instanceof AccessDeniedException || e instanceof SecurityException;
    String reason = refused ? "permission denied"
        : e instanceof IOException io ? IoReasons.reason(io) : "this system cannot open it";
    found.add(Violation.error(field, unreadableCode, shown, "a readable " + formats + " file",
        field + ": " + shown + " cannot be read (" + reason + "); "
            + (refused ? "check its permissions" : "check the file and the disk it is on, or give a copy")));
    return Optional.empty();
  }

  private static String linkTarget(Path link) {
    try {
      return Texts.shown(Files.readSymbolicLink(link));
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return "a file";
    }
  }
}
