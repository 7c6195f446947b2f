package dev.vidgen.provider.toapis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class AnswerLimitTest {
  @Test
  void eachAnswerKeepsItsOwnContentTypeWhenTheyChangeFromOneToTheNext() throws Exception {
    List<String> headers = new ArrayList<>();
    headers.add("application/json");
    headers.add("application/json");
    headers.add("text/plain; charset=iso-8859-1");
    headers.add(null);
    headers.add("application/json; charset=utf-8");
    headers.add("not a media type");
    try (MockWebServer server = new MockWebServer()) {
      for (String header : headers) {
        MockResponse.Builder answer = new MockResponse.Builder().body("{}");
        if (header != null) {
          answer.setHeader("Content-Type", header);
        }
        server.enqueue(answer.build());
      }
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      OkHttpClient client = new OkHttpClient.Builder().addInterceptor(new AnswerLimit(1024)).build();

      List<MediaType> seen = new ArrayList<>();
      for (int i = 0; i < headers.size(); i++) {
        try (Response response = client.newCall(new Request.Builder().url(server.url("/v1/x")).build()).execute()) {
          seen.add(response.body().contentType());
        }
      }

      assertThat(seen).containsExactly(
          MediaType.get("application/json"),
          MediaType.get("application/json"),
          MediaType.get("text/plain; charset=iso-8859-1"),
          null,
          MediaType.get("application/json; charset=utf-8"),
          null);
    }
  }
}
