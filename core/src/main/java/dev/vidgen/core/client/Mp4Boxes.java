package dev.vidgen.core.client;

import dev.vidgen.core.validation.IsoBoxes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a saved MP4 or MOV is whole, by its top-level boxes ({@link IsoBoxes}, which local input
 * videos pass before they are uploaded): the {@link VidgenClient}'s downloads are checked so; public so
 * that the provider contract tests check a provider's videos the same way.
 */
public final class Mp4Boxes {
  private Mp4Boxes() {}

  /**
   * What makes {@code file} less than a whole MP4, in words ("its mdat box at offset 950 claims
   * 1380 bytes but only 300 are there"); empty when its boxes add up to its length and both a
   * {@code moov} and an {@code mdat} box are there.
   */
  public static Optional<String> problem(Path file) throws IOException {
    return IsoBoxes.problem(file);
  }
}
