package dev.vidgen.serve;

import dev.vidgen.core.text.SafeText;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A saved video sent whole or in the one range a video element asks for when it seeks. A range past the end is
 * refused with 416 and the file's size; one the playground does not serve (several ranges, bad syntax) gets the
 * whole file. The size is read from the file opened, so a file replaced meanwhile is never sent past its end. A
 * {@code HEAD} gets the same status and headers, without the bytes.
 */
final class RangedFileAnswer {
  private RangedFileAnswer() {}

  /** Answers {@code ctx} with {@code file} (of type {@code type}), honouring its {@code Range} header. */
  static void send(Context ctx, Path file, String type) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteRange range = ByteRange.of(ctx.header("Range"), size);
      ctx.header("Accept-Ranges", "bytes");
      if (range.unsatisfiable()) {
        ctx.header("Content-Range", range.contentRange(size));
        throw new Refusal(416, null, "the range asked for (" + SafeText.clip(SafeText.clean(ctx.header("Range")), 60) + ") starts at or"
            + " past the end of the video, which has " + size + " bytes", size == 0 ? "the video file is empty (cut"
            + " short when it was saved, or emptied since): save it again with the download its task's card gives"
            : "ask for bytes 0 to " + (size - 1) + ", or for the whole file without a Range header");
      }
      ctx.status(range.partial() ? 206 : 200);
      ctx.contentType(type);
      if (range.partial()) {
        ctx.header("Content-Range", range.contentRange(size));
      }
      ctx.header("Content-Length", Long.toString(range.length()));
      if (ctx.method() == HandlerType.HEAD) {
        return; // the headers a GET would get, without the bytes
      }
      OutputStream out = ctx.outputStream();
      WritableByteChannel target = Channels.newChannel(out);
      long at = range.first();
      long end = range.first() + range.length();
      while (at < end) {
        long sent = channel.transferTo(at, end - at, target);
        if (sent <= 0) {
          break; // the file ended early (cut meanwhile): what it has is sent, never a loop at its end
        }
        at += sent;
      }
      out.flush();
    }
  }
}
