package dev.vidgen.core.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Paths read as the operating system reads them. {@link Path#normalize()} drops {@code dir/..} as
 * text, but after a link {@code link/..} is the parent of the link's target: {@code current/../pic.png}
 * with {@code current -> team/shots} names {@code team/pic.png}, as the shell and every other tool read it. Jobs'
 * local videos and the command line's paths are made absolute so.
 */
public final class SystemPaths {
  private SystemPaths() {}

  /**
   * {@code path} made absolute against {@code base}, each {@code ..} taken from the real folder before it (its links
   * followed) where that folder exists, as text where it does not; {@code .} dropped.
   */
  public static Path resolve(Path base, Path path) {
    Objects.requireNonNull(base, "base == null");
    Objects.requireNonNull(path, "path == null");
    Path absolute = base.resolve(path).toAbsolutePath();
    Path done = absolute.getRoot();
    for (Path name : absolute) {
      String part = name.toString();
      if (part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        Path real;
        try {
          real = done.toRealPath();
        } catch (IOException | SecurityException missing) {
          real = done; // nothing there to follow: read as text, as normalize() does
        }
        done = real.getParent() == null ? real : real.getParent();
      } else {
        done = done == null ? name : done.resolve(name);
      }
    }
    return done == null ? absolute.normalize() : done;
  }
}
