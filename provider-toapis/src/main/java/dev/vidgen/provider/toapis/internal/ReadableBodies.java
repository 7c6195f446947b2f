package dev.vidgen.provider.toapis.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Converter;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * Moshi conversion that tells a broken transfer from a broken body: the body is read in full
 * first (an I/O failure stays an I/O failure), and only then parsed; a parse failure becomes an
 * {@link UnreadableResponseException} that keeps the start of the body.
 */
public final class ReadableBodies extends Converter.Factory {
  private final MoshiConverterFactory moshi = MoshiConverterFactory.create(Json.moshi());

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    Converter<ResponseBody, ?> delegate = moshi.responseBodyConverter(type, annotations, retrofit);
    if (delegate == null) {
      return null;
    }
    return body -> {
      MediaType contentType = body.contentType();
      String text = body.string();
      Object value;
      try {
        value = delegate.convert(ResponseBody.create(text, contentType));
      } catch (IOException | RuntimeException e) {
        throw new UnreadableResponseException("the answer is not the JSON expected", text, e);
      }
      if (value == null) {
        throw new UnreadableResponseException("the answer is empty or JSON null", text, null);
      }
      return value;
    };
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type, Annotation[] parameterAnnotations, Annotation[] methodAnnotations, Retrofit retrofit) {
    return moshi.requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
  }
}
