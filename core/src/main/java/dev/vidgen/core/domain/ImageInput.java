package dev.vidgen.core.domain;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A picture handed to a model: either a URL the provider can fetch, or a local file that vidgen
 * uploads before it submits the job.
 */
public sealed interface ImageInput permits ImageInput.Remote, ImageInput.Local {

  /** An image the provider fetches itself; validation insists on {@code http} or {@code https}. */
  record Remote(URI url) implements ImageInput {
    /** An image at {@code url}, which must not be null. */
    public Remote {
      Objects.requireNonNull(url, "url == null");
    }

    @Override
    public String toString() {
      return url.toString();
    }
  }

  /** A file on this machine, uploaded by the provider before the job is created. */
  record Local(Path path) implements ImageInput {
    /** The image file at {@code path}, which must not be null. */
    public Local {
      Objects.requireNonNull(path, "path == null");
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }

  /** An image at a URL; the scheme is checked by validation, not here. */
  static ImageInput url(String url) {
    Objects.requireNonNull(url, "url == null");
    return new Remote(URI.create(url.trim()));
  }

  /** A local image file. */
  static ImageInput file(Path path) {
    return new Local(path);
  }

  /**
   * Reads what a person typed: anything with a scheme ({@code https://…}, {@code ftp://…},
   * {@code data:…}) is a URL, anything else a local path.
   *
   * @throws IllegalArgumentException when the text is blank or a malformed URL
   */
  static ImageInput parse(String text) {
    Objects.requireNonNull(text, "text == null");
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("image is blank: give an http(s) URL or a file path");
    }
    if (trimmed.matches("(?i)^[a-z][a-z0-9+.-]+:.*") && !trimmed.matches("(?i)^[a-z]:[\\\\/].*")) {
      try {
        return new Remote(URI.create(trimmed));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("image is not a valid URL: " + trimmed, e);
      }
    }
    return new Local(Path.of(trimmed));
  }
}
