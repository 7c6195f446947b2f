package dev.vidgen.provider.toapis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import retrofit2.Converter;
import retrofit2.Retrofit;

class ReadableBodiesTest {
  private static final String TASK = "{\"id\":\"video_1\",\"status\":\"queued\",\"model\":\"café\"}";

  private final Converter<ResponseBody, ?> converter = new ReadableBodies().responseBodyConverter(
      TaskDto.class, new Annotation[0], new Retrofit.Builder().baseUrl("http://127.0.0.1/").build());

  @Test
  void readsAUtf8AnswerWithOrWithoutADeclaredCharset() throws Exception {
    assertThat(read(TASK.getBytes(StandardCharsets.UTF_8), "application/json").model()).isEqualTo("café");
    assertThat(read(TASK.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8").model())
        .isEqualTo("café");
    assertThat(read(TASK.getBytes(StandardCharsets.UTF_8), null).id()).isEqualTo("video_1");
  }

  @Test
  void readsAnAnswerInAnotherCharsetOrWithAUtf16ByteOrderMark() throws Exception {
    assertThat(read(TASK.getBytes(StandardCharsets.ISO_8859_1), "application/json; charset=iso-8859-1").id())
        .isEqualTo("video_1");
    assertThat(read(TASK.getBytes(StandardCharsets.UTF_16), "application/json").model()).isEqualTo("café");
  }

  @Test
  void anHtmlPageIsUnreadableAndKeepsTheStartOfTheAnswerOnOneLine() {
    byte[] page = "<html>\n  <body>Bad gateway</body>\n</html>".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> read(page, "text/html"))
        .isInstanceOfSatisfying(UnreadableResponseException.class, error -> {
          assertThat(error).hasMessage("the answer is not the JSON expected");
          assertThat(error.snippet()).isEqualTo("<html> <body>Bad gateway</body> </html>");
        });
  }

  @Test
  void jsonNullIsUnreadableAndNamesWhatCame() {
    assertThatThrownBy(() -> read("null".getBytes(StandardCharsets.UTF_8), "application/json"))
        .isInstanceOfSatisfying(UnreadableResponseException.class, error -> {
          assertThat(error).hasMessage("the answer is empty or JSON null");
          assertThat(error.snippet()).isEqualTo("null");
        });
  }

  private TaskDto read(byte[] body, String contentType) throws Exception {
    MediaType type = contentType == null ? null : MediaType.get(contentType);
    return (TaskDto) converter.convert(ResponseBody.create(new Buffer().write(body), type, body.length));
  }
}
