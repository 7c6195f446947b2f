package dev.vidgen.cli;

import dev.vidgen.core.files.OwnerOnly;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The page {@code vidgen serve --open} hands the browser: a file of this user's alone (0600, in the data folder) that
 * sends the browser on to the playground's address with its token. A browser's command line is readable by every user
 * of the machine ({@code ps}), so the token never goes there; the file is removed when vidgen serve ends.
 */
final class BrowserOpenPage {
  private BrowserOpenPage() {}

  /** Writes the page for {@code address} (the playground's, with its token) in {@code folder}; its path. */
  static Path write(Path folder, URI address) throws IOException {
    Path page = OwnerOnly.folders(folder).resolve("serve-open-" + address.getPort() + ".html");
    String to = escaped(address.toString());
    String html = "<!doctype html>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"0;url=" + to
        + "\">\n<title>vidgen playground</title>\n<p><a href=\"" + to + "\">Open the vidgen playground</a></p>\n";
    try (FileChannel file = OwnerOnly.open(page, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer bytes = ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
    }
    page.toFile().deleteOnExit();
    return page;
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
