package dev.vidgen.provider.toapis.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ByteString;
import okio.Okio;
import okio.Source;
import retrofit2.Converter;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * Moshi conversion that tells a broken transfer from a broken body: the body is read in full
 * first (an I/O failure stays an I/O failure), and only then parsed; a parse failure becomes an
 * {@link UnreadableResponseException} that keeps the start of the body. A UTF-8 body is parsed
 * straight from the bytes read; its text is decoded only when it cannot be understood.
 */
public final class ReadableBodies extends Converter.Factory {
  private static final ByteString UTF_16_BE_BOM = ByteString.decodeHex("feff");
  private static final ByteString UTF_16_LE_BOM = ByteString.decodeHex("fffe");
  private static final ByteString UTF_32_BE_BOM = ByteString.decodeHex("0000feff");

  private final MoshiConverterFactory moshi = MoshiConverterFactory.create(Json.moshi());

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    Converter<ResponseBody, ?> delegate = moshi.responseBodyConverter(type, annotations, retrofit);
    if (delegate == null) {
      return null;
    }
    return body -> {
      try {
        return convert(delegate, body);
      } catch (VirtualMachineError | LinkageError e) {
        // Retrofit rethrows these past every callback; as an IOException they reach the caller.
        throw new HttpCalls.ReadingError(e);
      }
    };
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type, Annotation[] parameterAnnotations, Annotation[] methodAnnotations, Retrofit retrofit) {
    return moshi.requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
  }

  private static Object convert(Converter<ResponseBody, ?> delegate, ResponseBody body) throws IOException {
    MediaType contentType = body.contentType();
    Buffer bytes = new Buffer();
    try (body) {
      body.source().readAll(bytes);
    }
    if (!utf8(contentType, bytes)) {
      // Another charset: decode it as OkHttp would, then parse the text (the rare, older way).
      String text = text(bytes, contentType);
      return parsed(delegate, ResponseBody.create(text, contentType), bytes, contentType, text);
    }
    // Parse a copy in fresh buffer segments: both buffers then go back to Okio's pool when read.
    // Moshi reads it through a buffered source, as it reads OkHttp's own bodies: a reader compiled
    // for a bare Buffer inlined so much that the JIT spent about a second on it in a fresh JVM.
    Buffer json = new Buffer();
    bytes.copyTo(json.outputStream());
    try {
      return parsed(delegate, ResponseBody.create(Okio.buffer((Source) json), null, json.size()), bytes, contentType, null);
    } finally {
      json.clear();
      bytes.clear();
    }
  }

  private static Object parsed(Converter<ResponseBody, ?> delegate, ResponseBody json, Buffer bytes,
      MediaType contentType, String text) throws UnreadableResponseException {
    Object value;
    try {
      value = delegate.convert(json);
    } catch (IOException | RuntimeException e) {
      throw new UnreadableResponseException("the answer is not the JSON expected",
          text != null ? text : text(bytes, contentType), e);
    }
    if (value == null) {
      throw new UnreadableResponseException("the answer is empty or JSON null",
          text != null ? text : text(bytes, contentType), null);
    }
    return value;
  }

  /** Whether the bytes are UTF-8 as sent: no other charset declared, no UTF-16 or UTF-32 mark. */
  private static boolean utf8(MediaType contentType, Buffer bytes) {
    if (bytes.rangeEquals(0, UTF_16_BE_BOM) || bytes.rangeEquals(0, UTF_16_LE_BOM)
        || bytes.rangeEquals(0, UTF_32_BE_BOM)) {
      return false;
    }
    if (contentType == null || contentType.parameter("charset") == null) {
      return true;
    }
    Charset charset = contentType.charset(null);
    return StandardCharsets.UTF_8.equals(charset);
  }

  /** The body as text, decoded exactly as {@link ResponseBody#string()} does; leaves {@code bytes} whole. */
  private static String text(Buffer bytes, MediaType contentType) {
    try (ResponseBody copy = ResponseBody.create(bytes.clone(), contentType, bytes.size())) {
      return copy.string();
    } catch (IOException e) {
      return null;
    }
  }
}
