package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaseUrlsTest {
  @Test
  void spellingsTheProviderSendsTheSameWayAreOneServer() {
    String fake = "http://127.0.0.1:21670";

    assertThat(BaseUrls.sameServer("toapis", fake, fake + "/")).isTrue();
    assertThat(BaseUrls.sameServer("toapis", fake, "HTTP://127.0.0.1:21670")).isTrue();
    assertThat(BaseUrls.sameServer("toapis", fake, fake + "/v1")).as("toapis drops a trailing /v1").isTrue();
    assertThat(BaseUrls.sameServer("toapis", fake + "/V1/", fake)).isTrue();
    assertThat(BaseUrls.sameServer("toapis", null, "https://toapis.com/v1")).as("none given: its own address")
        .isTrue();
  }

  @Test
  void anotherHostPortOrPathIsAnotherServer() {
    String fake = "http://127.0.0.1:21670";

    assertThat(BaseUrls.sameServer("toapis", fake, "http://127.0.0.1:21671")).isFalse();
    assertThat(BaseUrls.sameServer("toapis", fake, fake + "/staging")).isFalse();
    assertThat(BaseUrls.sameServer("toapis", null, fake)).isFalse();
    assertThat(BaseUrls.sameServer("acme", "https://api.acme.test/v1", "https://api.acme.test"))
        .as("another provider's paths are its own").isFalse();
  }
}
