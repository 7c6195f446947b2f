package dev.vidgen.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which refusals say that the model itself is not available, and which only name it. */
class RequestRejectedExceptionTest {
  private static RequestRejectedException rejected(String code, String message) {
    return new RequestRejectedException(ProviderErrorDetails.of("acme", 400, code, message), null);
  }

  @Test
  void aRefusalOfTheModelItselfCounts() {
    assertThat(rejected(null, "model seedance-2 not found or not available for this key").refusesModel("seedance-2"))
        .isTrue();
    assertThat(rejected(null, "The model `veo3.1-fast` does not exist").refusesModel("veo3.1-fast")).isTrue();
    assertThat(rejected("model_not_found", "nope").refusesModel("kling-v3")).isTrue();
    assertThat(rejected(null, "model not found").refusesModel()).isTrue();
  }

  @Test
  void aParameterOfTheModelOrAPassingOutageDoesNotCount() {
    assertThat(rejected(null, "model seedance-2: image_with_roles not available in text mode").refusesModel()).isFalse();
    assertThat(rejected(null, "model kling-v3 with resolution 4k unavailable").refusesModel()).isFalse();
    assertThat(rejected(null, "no available channels for model wan2.6 (distributor)").refusesModel()).isFalse();
  }

  @Test
  void aRefusalNamingAnotherModelDoesNotDoubtThisOne() {
    RequestRejectedException other = rejected(null, "model sora-2 not found");

    assertThat(other.refusesModel()).isTrue();
    assertThat(other.refusesModel("seedance-2")).isFalse();
  }
}
