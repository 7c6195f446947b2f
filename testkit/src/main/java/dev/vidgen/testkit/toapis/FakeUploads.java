package dev.vidgen.testkit.toapis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;

/**
 * {@code POST /v1/uploads/images}: a multipart field {@code file} holding a JPEG, PNG, WebP or
 * GIF of at most 10 MB (checked by its first bytes, not only its name), answered with an https
 * URL.
 */
final class FakeUploads {
  static final long MAX_BYTES = 10L * 1024 * 1024;
  static final long MAX_VIDEO_BYTES = 50L * 1024 * 1024;
  private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("(?i)\\bfilename=\"([^\"]*)\"");

  private final FakeToApisServer server;
  private final FakeState state;

  FakeUploads(FakeToApisServer server, FakeState state) {
    this.server = server;
    this.state = state;
  }

  /** A multipart file as received, or the refusal to send instead. */
  private record Received(ByteString file, String fileName, FakeApi.Answer refusal) {}

  FakeApi.Answer upload(RecordedRequest request) {
    Received received = receive(request, "image");
    if (received.refusal() != null) {
      return received.refusal();
    }
    ByteString file = received.file();
    String fileName = received.fileName();
    if (file.size() > MAX_BYTES) {
      return refusal("Image too large. Maximum size is 10MB");
    }
    String kind = kindOf(file);
    if (kind == null) {
      return refusal("Unsupported image type. Allowed: jpeg, png, webp, gif");
    }
    return uploaded(file, fileName, kind, "image/" + kind);
  }

  /** Issue 11: {@code POST /v1/uploads/videos}: MP4, MOV or WebM of at most 50 MB. */
  FakeApi.Answer video(RecordedRequest request) {
    Received received = receive(request, "video");
    if (received.refusal() != null) {
      return received.refusal();
    }
    if (received.file().size() > MAX_VIDEO_BYTES) {
      return refusal("Video too large. Maximum size is 50MB");
    }
    String kind = videoKindOf(received.file());
    if (kind == null) {
      return refusal("Unsupported video type. Allowed: mp4, mov, webm");
    }
    String mime = switch (kind) {
      case "mov" -> "video/quicktime";
      case "webm" -> "video/webm";
      default -> "video/mp4";
    };
    return uploaded(received.file(), received.fileName(), kind, mime);
  }

  private Received receive(RecordedRequest request, String what) {
    String type = request.getHeaders().get("Content-Type");
    MediaType media = type == null ? null : MediaType.parse(type);
    String boundary = media == null ? null : media.parameter("boundary");
    if (media == null || !media.subtype().equals("form-data") || boundary == null) {
      return new Received(null, null, refusal("Send multipart/form-data with the " + what + " in the field 'file'"));
    }
    ByteString file = null;
    String fileName = null;
    try (MultipartReader reader = new MultipartReader(
        new Buffer().write(request.getBody() == null ? ByteString.EMPTY : request.getBody()), boundary)) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        String disposition = part.headers().get("Content-Disposition");
        Matcher name = NAME.matcher(disposition == null ? "" : disposition);
        if (name.find() && name.group(1).equals("file")) {
          file = part.body().readByteString();
          Matcher named = FILE_NAME.matcher(disposition);
          fileName = named.find() ? named.group(1) : what;
        }
        part.close();
      }
    } catch (IOException e) {
      return new Received(null, null, refusal("Malformed multipart body: " + e.getMessage()));
    }
    if (file == null) {
      return new Received(null, null, refusal("No file uploaded: the field 'file' is required"));
    }
    return new Received(file, fileName, null);
  }

  private FakeApi.Answer uploaded(ByteString file, String fileName, String kind, String mimeType) {
    String id = String.format("upload_%08d", state.nextUploadNumber());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("url", server.uploadUrlBase() + id + "." + kind);
    data.put("mime_type", mimeType);
    data.put("size", file.size());
    data.put("file_name", fileName);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("message", "");
    body.put("data", data);
    return FakeApi.Answer.json(200, body);
  }

  private static FakeApi.Answer refusal(String message) {
    return FakeApi.Answer.raw(400, FakeResponses.JSON, FakeResponses.refusal(message));
  }

  /** {@code mp4}, {@code mov} or {@code webm} by the file's first bytes; null otherwise. */
  static String videoKindOf(ByteString file) {
    if (file.size() >= 12 && file.substring(4, 8).utf8().equals("ftyp")) {
      return file.substring(8, 12).utf8().equals("qt  ") ? "mov" : "mp4";
    }
    if (file.size() >= 8 && java.util.Set.of("moov", "mdat", "wide", "free").contains(file.substring(4, 8).utf8())) {
      return "mov";
    }
    if (file.size() >= 4 && file.rangeEquals(0, ByteString.decodeHex("1a45dfa3"), 0, 4)) {
      boolean matroska = file.substring(0, (int) Math.min(64, file.size())).string(StandardCharsets.ISO_8859_1)
          .contains("matroska");
      return matroska ? null : "webm";
    }
    return null;
  }

  /** {@code jpeg}, {@code png}, {@code gif} or {@code webp} by the file's first bytes; null otherwise. */
  static String kindOf(ByteString file) {
    if (file.size() >= 3 && file.rangeEquals(0, ByteString.of((byte) 0xFF, (byte) 0xD8, (byte) 0xFF), 0, 3)) {
      return "jpeg";
    }
    if (file.size() >= 8 && file.rangeEquals(0, ByteString.decodeHex("89504e470d0a1a0a"), 0, 8)) {
      return "png";
    }
    if (file.size() >= 6 && file.substring(0, 4).utf8().equals("GIF8")) {
      return "gif";
    }
    if (file.size() >= 12 && file.substring(0, 4).utf8().equals("RIFF")
        && file.substring(8, 12).utf8().toUpperCase(Locale.ROOT).equals("WEBP")) {
      return "webp";
    }
    return null;
  }
}
