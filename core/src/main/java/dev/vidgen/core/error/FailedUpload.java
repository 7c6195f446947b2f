package dev.vidgen.core.error;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The local input file whose upload failed, which a {@link ProviderException} names (see {@link
 * ProviderException#forUpload}). Such a failure came before any video task was created.
 *
 * @param what {@code image} or {@code video}
 * @param file the file as the job gave it
 */
public record FailedUpload(String what, Path file) {
  /** An upload as given; neither may be null. */
  public FailedUpload {
    Objects.requireNonNull(what, "what == null");
    Objects.requireNonNull(file, "file == null");
  }

  /** The file's name, such as {@code product.png}, as a dry run shows it ({@code upload://product.png}). */
  public String fileName() {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  /** "image product.png (/home/me/product.png)": what, its name and where it is. */
  public String describe() {
    String where = file.toAbsolutePath().normalize().toString();
    return what + " " + fileName() + (where.equals(fileName()) ? "" : " (" + where + ")");
  }
}
