package dev.vidgen.cli;

import dev.vidgen.core.error.DownloadFailedException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --set max_video_size=SIZE}: the largest video a command saves (the client's {@code maxVideoBytes},
 * 2 GiB unless set), a setting of vidgen's own rather than the provider's. Sizes count in powers of 1024, as
 * {@code max_answer_size}'s do: {@code 4GB} is 4 GiB.
 */
final class VideoSizeSetting {
  static final String NAME = "max_video_size";
  private static final long KIB = 1024;
  private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d{1,15})\\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?\\s*");

  private VideoSizeSetting() {}

  /** The byte count {@code text} names, such as {@code 4GB}. */
  static long bytes(String text) {
    Matcher size = SIZE.matcher(text);
    long factor = size.matches() ? switch (size.group(2) == null ? 'b' : size.group(2).toLowerCase(Locale.ROOT).charAt(0)) {
      case 'k' -> KIB;
      case 'm' -> KIB * KIB;
      case 'g' -> KIB * KIB * KIB;
      case 't' -> KIB * KIB * KIB * KIB;
      default -> 1;
    } : 0;
    long count = size.matches() ? Long.parseLong(size.group(1)) : 0;
    if (count < 1 || count > Long.MAX_VALUE / factor) {
      throw CliException.usage("--set " + NAME + " must be a size of at least one byte such as 4GB, 512MB or"
              + " 1048576 (bytes), not '" + dev.vidgen.core.text.SafeText.clip(dev.vidgen.core.text.SafeText.clean(text),
              40) + "'; nothing was sent",
          "give --set " + NAME + "=4GB (the default is 2GB)");
    }
    return count * factor;
  }

  /** The limit {@code given} (the last {@code --set max_video_size}) names, when one was given. */
  static OptionalLong of(Optional<String> given) {
    return given.map(text -> OptionalLong.of(bytes(text))).orElse(OptionalLong.empty());
  }

  /**
   * The setting that saves the video {@code refused} was too large for: the size its server announced, else
   * twice the limit, rounded up to whole GB (or MB below 1 GB); empty when it was not refused for its size.
   */
  static Optional<String> raisedFor(DownloadFailedException refused) {
    OptionalLong limit = refused.sizeLimit();
    if (limit.isEmpty()) {
      return Optional.empty();
    }
    long needed = refused.announcedSize().orElse(limit.getAsLong() > Long.MAX_VALUE / 2 ? Long.MAX_VALUE
        : 2 * limit.getAsLong());
    long gib = KIB * KIB * KIB;
    String size = needed >= gib ? ceil(needed, gib) + "GB" : ceil(needed, KIB * KIB) + "MB";
    return Optional.of(NAME + "=" + size);
  }

  private static long ceil(long bytes, long unit) {
    return bytes / unit + (bytes % unit == 0 ? 0 : 1);
  }
}
