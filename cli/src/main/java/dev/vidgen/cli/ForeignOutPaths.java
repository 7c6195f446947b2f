package dev.vidgen.cli;

import dev.vidgen.core.files.OutPaths;

/**
 * Refuses, before anything is sent, an output path ({@code --out}, {@code --out-dir}) that would make something
 * other than what it reads as: an unexpanded {@code ~} (a folder named {@code ~} here, not the home folder) or a
 * path written the Windows way (one file name holding backslashes). Input paths are not checked here.
 */
final class ForeignOutPaths {
  private ForeignOutPaths() {}

  /**
   * Refuses {@code value} given to {@code option} when it starts with an unexpanded {@code ~} or {@code ~user}, or
   * holds a backslash or a drive letter; a value ending in {@code /} names a folder, any other a file.
   *
   * @throws CliException (exit 2, nothing sent) with the path as the user most likely meant it
   */
  static void refuse(String option, String value) {
    refuse(option, value, value.endsWith("/"));
  }

  /**
   * Refuses {@code value} given to {@code option}, an option that always names a folder ({@code --out-dir}, the
   * playground's {@code --out}), as {@link #refuse(String, String)} does.
   *
   * @throws CliException (exit 2, nothing sent) with the path as the user most likely meant it
   */
  static void refuseFolder(String option, String value) {
    refuse(option, value, true);
  }

  private static void refuse(String option, String value, boolean folder) {
    OutPaths.windowsStyle(value).ifPresent(what -> {
      throw windowsWay(option, value, what);
    });
    OutPaths.unexpandedHome(value).ifPresent(home -> {
      throw unexpandedHome(option, value, home, folder);
    });
  }

  private static CliException windowsWay(String option, String value, String what) {
    String slashed = OutPaths.withSlashes(value);
    boolean backslash = value.indexOf('\\') >= 0;
    if (slashed.equals(value.replace('\\', '/'))) {
      // A backslash is part of a file name here: clips\ would be one file of that name, not a folder.
      return CliException.usage(option + " " + value + " is written the Windows way (" + what + "), but vidgen runs on"
          + " a system whose folders are separated by / (a \\ would be part of one file name); nothing was sent",
          "write it with /, such as " + option + " " + slashed);
    }
    String drive = value.substring(0, 2);
    String relative = OutPaths.relativeWithSlashes(value);
    String system = backslash ? "a system that has no drive letters and whose folders are separated by / (a \\ would be"
        + " part of one file name)" : "a system that has no drive letters (" + drive + " would be a folder named "
        + drive + " in the working folder)";
    // A bare drive (C:, C:\) leaves no path in this folder to show, so that alternative is left out.
    String here = relative.isEmpty() ? "" : ", or a path in this folder such as " + option + " " + relative;
    String literal = backslash ? "" : "; ./" + drive + "/" + relative + " if you mean a folder named " + drive;
    return CliException.usage(option + " " + value + " is written the Windows way (" + what + "), but vidgen runs on "
        + system + "; nothing was sent", "write it " + (backslash ? "with / and " : "") + "without " + drive
        + ", such as " + option + " " + slashed + " (the " + drive + " drive under WSL)" + here + literal);
  }

  private static CliException unexpandedHome(String option, String value, String home, boolean folder) {
    String rest = value.substring(home.length());
    String kind = folder || !rest.isEmpty() ? "a folder" : "a file";
    String made = "it would name " + kind + " called " + home + " in the working folder, not a home folder";
    String literal = "./" + value + " if you mean " + kind + " named " + home;
    if (home.equals("~")) {
      return CliException.usage(option + " " + value + " starts with ~, which the shell did not expand (it does not"
          + " after = or inside quotes): " + made + "; nothing was sent", "write $HOME" + rest + " or " + option + " "
          + value + " with a space (not =), so that the shell expands it; " + literal);
    }
    String user = home.substring(1);
    if (OutPaths.namesUser(home)) {
      // The shell expands ~NAME only for a user it knows, so only the full path is sure to work.
      return CliException.usage(option + " " + value + " starts with " + home + ", which the shell did not expand (it"
          + " does not after = or inside quotes, nor for a user this system does not know): " + made
          + "; nothing was sent", "write the full path of user " + user + "'s home folder"
          + (rest.isEmpty() ? "" : " followed by " + rest) + "; " + literal);
    }
    return CliException.usage(option + " " + value + " starts with ~, which reads as a home folder, but " + user
        + " is no user name: " + made + "; nothing was sent", "write " + literal);
  }
}
