package dev.vidgen.provider.toapis.internal;

import java.net.URI;
import java.util.Locale;

/**
 * Reads a URL a ToAPIs answer names (a result video, an uploaded file): server text is not
 * trusted, so only an absolute http(s) URL with a host is taken.
 */
public final class ServerUrls {
  private ServerUrls() {}

  /**
   * {@code text} as an absolute http(s) URL.
   *
   * @param what what the answer names, for the message, such as "task video_1 names a video URL"
   * @throws UnreadableResponseException when it is not one (relative, another scheme, no host, unparsable)
   */
  public static URI web(String text, String what) throws UnreadableResponseException {
    URI url;
    try {
      url = URI.create(text.strip());
    } catch (IllegalArgumentException e) {
      throw new UnreadableResponseException(what + " that cannot be read", text, e);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new UnreadableResponseException(what + " that is not an absolute http(s) URL", text, null);
    }
    // Not URI.getHost(), which is null for a host name with an underscore (my_bucket.s3.amazonaws.com) that
    // OkHttp, which fetches the file, takes.
    if (url.isOpaque() || url.getRawAuthority() == null || okhttp3.HttpUrl.parse(url.toString()) == null) {
      throw new UnreadableResponseException(what + " without a host", text, null);
    }
    return url;
  }
}
