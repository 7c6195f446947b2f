package dev.vidgen.provider.mock;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bundled result videos: one second of test pattern, 160x90 or 90x160, H.264 in MP4. */
final class MockMedia {
  private static final byte[] LANDSCAPE = load("landscape.mp4");
  private static final byte[] PORTRAIT = load("portrait.mp4");

  private MockMedia() {}

  static InputStream open(boolean portrait) {
    return new ByteArrayInputStream(portrait ? PORTRAIT : LANDSCAPE);
  }

  private static byte[] load(String name) {
    try (InputStream in = MockMedia.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bundled video " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled video " + name, e);
    }
  }
}
