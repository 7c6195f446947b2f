package dev.vidgen.core.validation;

import dev.vidgen.core.files.OutPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Optional;

/**
 * Why a local input file that does not exist may have been meant otherwise: the part of its path that is missing
 * starts with a {@code ~} nobody expanded, is written the Windows way ({@code \}, a drive letter such as
 * {@code C:}), or names a file that is there with its letters in another Unicode form (NFC, NFD). Only the missing
 * part is read, so a folder on the way that exists is never blamed.
 */
final class ForeignInputPaths {
  private ForeignInputPaths() {}

  /**
   * The words that follow "F does not exist" for the missing input {@code path}, beginning with {@code ": "}; empty
   * when its missing part holds nothing written for another shell or system.
   */
  static Optional<String> hint(Path path) {
    Path absolute = path.toAbsolutePath();
    Path existing = absolute.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.empty();
    }
    String missing = existing.relativize(absolute).toString();
    Path base = existing;
    Optional<String> windows = OutPaths.windowsStyle(missing).map(what -> windowsWay(base, missing, what));
    if (windows.isPresent()) {
      return windows;
    }
    Optional<String> home = OutPaths.unexpandedHome(missing)
        .filter(user -> user.equals("~") || OutPaths.namesUser(user))
        .map(user -> unexpandedHome(missing, user));
    return home.isPresent() ? home : OtherUnicodeForms.of(existing, existing.relativize(absolute))
        .map(ForeignInputPaths::otherForm);
  }

  private static String otherForm(Path there) {
    String form = Normalizer.isNormalized(there.toString(), Normalizer.Form.NFC) ? "composed, NFC"
        : "decomposed, NFD, as files copied from a Mac often are";
    return "; a file of the same name is there, " + Texts.shown(there) + ", but with its letters written in another"
        + " Unicode form (" + form + "), which this system takes for another name, so it is not used in its place:"
        + " give its name as ls shows it (copied from there), or rename the file";
  }

  private static String windowsWay(Path base, String missing, String what) {
    String slashed = OutPaths.withSlashes(missing);
    if (slashed.equals(missing.replace('\\', '/'))) {
      return ": it is written the Windows way (" + what + "), but on this system folders are separated by / (a \\ is"
          + " part of one file name); write it with /: " + Texts.shown(base.resolve(slashed));
    }
    String drive = missing.substring(0, 2);
    return ": it is written the Windows way (" + what + "), but this system has no drive letters (" + drive + " was"
        + " read as a folder named " + drive + ") and separates folders by /; write it with /, such as "
        + Texts.shown(slashed) + " (the " + drive + " drive under WSL)";
  }

  private static String unexpandedHome(String missing, String home) {
    String rest = missing.substring(home.length());
    String was = ", which was not expanded (a shell does not expand it after = or inside quotes, and a jobs file never"
        + " does), so it was looked for in a folder named " + home + " here";
    if (home.equals("~")) {
      return ": it starts with ~" + was + "; write the home folder's path instead, such as $HOME" + rest
          + " on a command line";
    }
    return ": it starts with " + home + was + "; write the full path of user " + home.substring(1) + "'s home folder"
        + (rest.isEmpty() ? "" : " followed by " + rest) + " instead";
  }
}
