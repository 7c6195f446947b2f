package dev.vidgen.testkit.toapis;

import dev.vidgen.core.json.JsonTrees;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The create-body rules the fake enforces, from the ToAPIs pages: what every model needs, and the
 * two Grok 1.5 shapes that are easy to mix up ({@code grok-video-1.5-preview}: {@code images}
 * array of one, {@code seconds} as the string "10" or "15"; {@code grok-video-1.5}: {@code image}
 * string, integer {@code duration} 1–15).
 */
final class WireRules {
  static final String GROK_PREVIEW = "grok-video-1.5-preview";
  static final String GROK_15 = "grok-video-1.5";

  private static final Set<String> IMAGE_ARRAYS = Set.of("images", "image_urls", "reference_images");
  private static final Set<String> ROLE_ARRAYS = Set.of("image_with_roles", "video_with_roles", "audio_with_roles");
  private static final Set<String> GROK_RATIOS = Set.of("16:9", "9:16", "3:2", "2:3", "1:1");

  private WireRules() {}

  /** What is wrong with {@code body}, or null when it passes. */
  static String check(Map<String, Object> body) {
    Object model = body.get("model");
    if (!(model instanceof String name) || name.isBlank()) {
      return "model is required and must be a string";
    }
    String common = common(body);
    if (common != null) {
      return common;
    }
    return switch (name) {
      case GROK_PREVIEW -> grokPreview(body);
      case GROK_15 -> grok15(body);
      default -> standard(body);
    };
  }

  private static String common(Map<String, Object> body) {
    if (body.containsKey("prompt") && !(body.get("prompt") instanceof String)) {
      return "prompt must be a string";
    }
    for (String field : IMAGE_ARRAYS) {
      if (body.containsKey(field) && !isUrlList(body.get(field))) {
        return field + " must be an array of http(s) URLs";
      }
    }
    if (body.containsKey("image") && !isUrl(body.get("image"))) {
      return "image must be one http(s) URL string";
    }
    for (String field : ROLE_ARRAYS) {
      if (body.containsKey(field) && !isRoleList(body.get(field))) {
        return field + " must be an array of {url, role}, each url https://, data: or asset://ID";
      }
    }
    if (body.containsKey("aspect_ratio") && !(body.get("aspect_ratio") instanceof String)) {
      return "aspect_ratio must be a string such as \"16:9\"";
    }
    if (body.containsKey("callback_url")) {
      return "webhook_not_configured: set up a webhook endpoint for this token before sending callback_url";
    }
    Object reference = body.get("client_business_id");
    if (body.containsKey("client_business_id") && (!(reference instanceof String text) || text.isBlank())) {
      return "client_business_id must be a non-empty string";
    }
    return null;
  }

  private static String grokPreview(Map<String, Object> body) {
    for (String wrong : List.of("image", "image_urls", "duration", "resolution")) {
      if (body.containsKey(wrong)) {
        return GROK_PREVIEW + " does not take " + wrong + "; it takes images (one URL) and seconds (\"10\" or \"15\")";
      }
    }
    if (!(body.get("prompt") instanceof String prompt) || prompt.isBlank()) {
      return "prompt is required";
    }
    if (!(body.get("images") instanceof List<?> images) || images.size() != 1) {
      return "images must hold exactly 1 image URL (image-to-video only)";
    }
    if (body.containsKey("seconds")) {
      Object seconds = body.get("seconds");
      if (!(seconds instanceof String text)) {
        return "seconds must be a string, \"10\" or \"15\", not the number " + seconds;
      }
      if (!text.equals("10") && !text.equals("15")) {
        return "seconds must be \"10\" or \"15\", not \"" + text + "\"";
      }
    }
    return ratio(body);
  }

  private static String grok15(Map<String, Object> body) {
    for (String wrong : List.of("images", "image_urls", "seconds")) {
      if (body.containsKey(wrong)) {
        return GROK_15 + " does not take " + wrong + "; it takes image (one URL string) and duration (1-15)";
      }
    }
    if (!body.containsKey("image")) {
      return "image is required (image-to-video only)";
    }
    if (body.containsKey("duration")) {
      String duration = integerIn(body.get("duration"), 1, 15);
      if (duration != null) {
        return duration;
      }
    }
    Object resolution = body.get("resolution");
    if (body.containsKey("resolution") && !"480p".equals(resolution) && !"720p".equals(resolution)) {
      return "resolution must be 480p or 720p";
    }
    return ratio(body);
  }

  private static String standard(Map<String, Object> body) {
    if (body.containsKey("duration") && !(body.get("duration") instanceof Long)) {
      return "duration must be a JSON integer, not " + JsonTrees.write(body.get("duration"));
    }
    return null;
  }

  private static String ratio(Map<String, Object> body) {
    Object ratio = body.get("aspect_ratio");
    if (body.containsKey("aspect_ratio") && !(ratio instanceof String text && GROK_RATIOS.contains(text))) {
      return "aspect_ratio must be one of 16:9, 9:16, 3:2, 2:3, 1:1";
    }
    return null;
  }

  private static String integerIn(Object value, int min, int max) {
    if (!(value instanceof Long number)) {
      return "duration must be a JSON integer, not " + JsonTrees.write(value);
    }
    if (number < min || number > max) {
      return "duration must be " + min + " to " + max + ", not " + number;
    }
    return null;
  }

  private static boolean isUrlList(Object value) {
    if (!(value instanceof List<?> list)) {
      return false;
    }
    return list.stream().allMatch(item -> isUrl(item) || item instanceof Map<?, ?>);
  }

  /** Role entries as the Seedance pages give them: a URL (https, data: or asset://ID) and a role. */
  private static boolean isRoleList(Object value) {
    if (!(value instanceof List<?> list)) {
      return false;
    }
    return list.stream().allMatch(item -> item instanceof Map<?, ?> entry
        && entry.get("role") instanceof String
        && entry.get("url") instanceof String url
        && (isUrl(url) || url.startsWith("data:") || url.startsWith("asset://")));
  }

  private static boolean isUrl(Object value) {
    return value instanceof String text && (text.startsWith("https://") || text.startsWith("http://"));
  }
}
