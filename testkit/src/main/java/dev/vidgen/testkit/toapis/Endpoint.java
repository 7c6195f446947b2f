package dev.vidgen.testkit.toapis;

import java.util.Locale;

/** The parts of the fake ToAPIs that faults can be aimed at and requests are logged under. */
public enum Endpoint {
  /** {@code POST /v1/videos/generations}. */
  CREATE,
  /** {@code GET /v1/videos/generations/{id}} (by task id or {@code client_business_id}). */
  STATUS,
  /** {@code POST /v1/uploads/images}. */
  UPLOAD,
  /** {@code GET /v1/balance}. */
  BALANCE,
  /** {@code GET /files/…}: result videos. */
  FILE,
  /** {@code GET /v1/models} (the key's models; {@code type=video} for video models). */
  MODELS,
  /** {@code GET /v1/user/balance}: the account's balance ({@link #BALANCE} is the key's). */
  USER_BALANCE,
  /** {@code POST /v1/uploads/videos}. */
  VIDEO_UPLOAD,
  /** {@code POST /v1/videos/{id}/extend}. */
  EXTEND,
  /** {@code POST /v1/videos/{id}/remix}. */
  REMIX;

  /** The lower-case name used by the admin endpoints, such as {@code create}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The endpoint named {@code text} (any case). */
  public static Endpoint parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown endpoint '" + text + "'; use create, status, upload, balance, file, models, user_balance, video_upload, extend or remix", e);
    }
  }
}
