package dev.vidgen.core.files;

import java.io.File;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output paths that say something other than what they would make here: a home folder ({@code ~}, {@code ~user})
 * the shell left unexpanded, and a path written the Windows way (a backslash, a drive letter such as {@code C:}).
 * Checked before anything is sent; input paths are never checked here.
 */
public final class OutPaths {
  private static final Pattern HOME = Pattern.compile("^(~[A-Za-z0-9._-]*)(/.*)?$", Pattern.DOTALL);
  private static final Pattern DRIVE = Pattern.compile("^([A-Za-z]):([\\\\/].*)?$", Pattern.DOTALL);
  private static final Pattern USER_NAME = Pattern.compile("~[A-Za-z_][A-Za-z0-9_-]*");

  private OutPaths() {}

  /**
   * The {@code ~} or {@code ~user} that {@code path}'s first part is, which the shell did not expand (it does not
   * after {@code --out=} nor inside quotes, and a file never does); empty for any other path.
   */
  public static Optional<String> unexpandedHome(String path) {
    Matcher home = HOME.matcher(path);
    return home.matches() ? Optional.of(home.group(1)) : Optional.empty();
  }

  /**
   * Whether {@code home}, a {@code ~NAME} from {@link #unexpandedHome}, is written the way a user name is (a letter or
   * {@code _}, then letters, digits, {@code _} and {@code -}), so that it may be a user's home folder; false for a bare
   * {@code ~} and for a name such as {@code ~x.mp4}.
   */
  public static boolean namesUser(String home) {
    return USER_NAME.matcher(home).matches();
  }

  /**
   * What {@code path} holds of the Windows way of writing paths (a drive letter such as {@code C:}, a backslash), on a
   * system whose folders are separated by {@code /}; empty for a path written with {@code /} only.
   */
  public static Optional<String> windowsStyle(String path) {
    if (File.separatorChar != '/') {
      return Optional.empty();
    }
    Matcher drive = DRIVE.matcher(path);
    if (drive.matches()) {
      return Optional.of("a drive letter " + drive.group(1) + ":" + (path.indexOf('\\') >= 0 ? " and \\ between folders"
          : ""));
    }
    return path.indexOf('\\') >= 0 ? Optional.of("\\ between folders") : Optional.empty();
  }

  /**
   * {@code path} written with {@code /}: each backslash a {@code /}, and a drive {@code C:} its folder under WSL
   * ({@code /mnt/c}), so that {@code C:\Users\me\clip.mp4} reads {@code /mnt/c/Users/me/clip.mp4}.
   */
  public static String withSlashes(String path) {
    String slashed = path.replace('\\', '/');
    Matcher drive = DRIVE.matcher(slashed);
    if (!drive.matches()) {
      return slashed;
    }
    String rest = drive.group(2) == null ? "/" : drive.group(2);
    return "/mnt/" + drive.group(1).toLowerCase(Locale.ROOT) + rest;
  }

  /**
   * {@code path} written with {@code /} as a relative path: without its drive and leading {@code /}, so that
   * {@code C:\Videos\c.mp4} reads {@code Videos/c.mp4}; for a path that must stay inside a folder.
   */
  public static String relativeWithSlashes(String path) {
    String slashed = path.replace('\\', '/');
    Matcher drive = DRIVE.matcher(slashed);
    String rest = drive.matches() ? (drive.group(2) == null ? "" : drive.group(2)) : slashed;
    return rest.replaceFirst("^/+", "");
  }
}
