package dev.vidgen.core.client;

import dev.vidgen.core.files.VideoFormats;
import dev.vidgen.core.port.VideoRange;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The part file of one download whose transfer broke off, kept for its next try: that try asks for the rest of
 * the file ({@code Range}) when the first answer said the server takes ranges and gave a size or a validator to
 * check it is the same file, and appends it. Only within one download: the part is deleted when it ends.
 * Thread-safe.
 */
final class KeptPart {
  /** A kept part: its file, the bytes it holds, and what the first answer said of the whole file. */
  record Kept(Path path, long bytes, VideoRange first) {}

  private Kept kept;
  private boolean ended;

  /** Keeps {@code part} for the next try; false (nothing kept) once the download has ended. */
  synchronized boolean keep(Kept part) {
    if (ended) {
      return false;
    }
    kept = part;
    return true;
  }

  /** The part kept for this try, if any; it is the caller's from now on. */
  synchronized Optional<Kept> take() {
    Kept taken = kept;
    kept = null;
    return Optional.ofNullable(taken);
  }

  /** Ends the download: nothing is kept from now on, and what was kept is returned for deleting. */
  synchronized Optional<Kept> end() {
    ended = true;
    return take();
  }

  /**
   * The bytes to ask for: from where {@code part} ends, when its first answer lets them be asked for and checked
   * (a size or a validator); empty when the file must be fetched whole again.
   */
  static Optional<VideoRange> rest(Kept part) {
    VideoRange first = part.first();
    boolean checkable = first.totalBytes() >= 0 || !first.validator().isEmpty();
    boolean unfinished = first.totalBytes() < 0 || part.bytes() < first.totalBytes();
    // Its first bytes were checked as the video's kind when they came: a part holding fewer starts over.
    if (!first.rangesAccepted() || !checkable || !unfinished || part.bytes() < VideoFormats.HEAD_BYTES) {
      return Optional.empty();
    }
    return Optional.of(new VideoRange(part.bytes(), first.totalBytes(), true, first.validator()));
  }

  /**
   * Whether {@code answer} holds the rest of the file {@code part} began: it starts where the part ends, and the
   * file's size and validator are those of the first answer. Anything else is fetched whole again.
   */
  static boolean continues(Kept part, VideoRange answer) {
    VideoRange first = part.first();
    return answer.firstByte() > 0 && answer.firstByte() == part.bytes()
        && (first.totalBytes() < 0 || answer.totalBytes() == first.totalBytes())
        && (first.validator().isEmpty() || first.validator().equals(answer.validator()));
  }
}
