package dev.vidgen.provider.toapis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerUrlsTest {
  @ParameterizedTest
  @ValueSource(strings = {"https://files.toapis.com/uploads/1/a.jpg", "https://my_bucket.s3.amazonaws.com/v/x.mp4",
      "http://127.0.0.1:8080/x.mp4", " https://cdn.example.com/x.mp4?sig=a%2Fb "})
  void takesEveryHttpUrlTheDownloadCanFetch(String text) throws Exception {
    assertThat(ServerUrls.web(text, "the answer names a URL").toString()).isEqualTo(text.strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://files.example/a.png", "/files/rel.png", "https:///uploads/a.png", "https:relative",
      "file:///etc/passwd", "javascript:alert(1)"})
  void refusesAnythingElse(String text) {
    assertThatThrownBy(() -> ServerUrls.web(text, "the answer names a URL"))
        .isInstanceOf(UnreadableResponseException.class).hasMessageStartingWith("the answer names a URL");
  }
}
