package dev.vidgen.core.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds timed segments in a prompt, as on the model pages ("(0-5s) medium shot ... (5-10s)
 * push-in ..."), and warns when they run past the video, overlap, or leave part of it
 * undescribed. The pattern is compiled once.
 */
final class PromptSegments {
  private static final String NUMBER = "(\\d{1,4}(?:\\.\\d{1,3})?)";
  private static final String UNIT = "(?:s|sec|secs|seconds?)";
  private static final Pattern SEGMENT = Pattern.compile(
      "[(\\[]\\s*" + NUMBER + "\\s*" + UNIT + "?\\s*(?:-|–|—|~|to)\\s*" + NUMBER + "\\s*" + UNIT + "\\s*[)\\]]",
      Pattern.CASE_INSENSITIVE);
  private static final String ALLOWED = "segments from 0 s to the end of the video, in order, without gaps or overlaps";

  private PromptSegments() {}

  /** One "(start-end s)" as written in the prompt. */
  record Segment(String text, BigDecimal start, BigDecimal end) {}

  /** The timed segments of {@code prompt}, in the order written. */
  static List<Segment> find(String prompt) {
    if (prompt == null || prompt.length() < 5 || !mayHoldSegments(prompt)) {
      return List.of();
    }
    List<Segment> segments = new ArrayList<>();
    Matcher matcher = SEGMENT.matcher(prompt);
    while (matcher.find()) {
      segments.add(new Segment(matcher.group(), new BigDecimal(matcher.group(1)), new BigDecimal(matcher.group(2))));
    }
    return segments;
  }

  /** Adds a warning for every segment of {@code prompt} that does not fit a {@code seconds}-second video. */
  static void check(String prompt, int seconds, List<Violation> found) {
    List<Segment> segments = find(prompt);
    if (segments.isEmpty()) {
      return;
    }
    BigDecimal length = BigDecimal.valueOf(seconds);
    Segment previous = null;
    for (Segment segment : segments) {
      if (segment.end().compareTo(segment.start()) <= 0) {
        warn(found, ViolationCodes.SEGMENT_EMPTY, segment,
            "segment " + segment.text() + " ends where or before it starts; give it a later end");
        continue;
      }
      if (previous == null && segment.start().signum() > 0) {
        warn(found, ViolationCodes.SEGMENT_GAP, segment,
            "segment " + segment.text() + " leaves 0 to " + plain(segment.start()) + " s undescribed; start the first segment at 0 s");
      } else if (previous != null && segment.start().compareTo(previous.end()) < 0) {
        warn(found, ViolationCodes.SEGMENT_OVERLAP, segment,
            "segment " + segment.text() + " overlaps the segment before it, " + previous.text()
                + "; start it at " + plain(previous.end()) + " s");
      } else if (previous != null && segment.start().compareTo(previous.end()) > 0) {
        warn(found, ViolationCodes.SEGMENT_GAP, segment,
            "segment " + segment.text() + " leaves a gap after " + previous.text() + " from "
                + plain(previous.end()) + " to " + plain(segment.start()) + " s; close the gap");
      }
      if (segment.end().compareTo(length) > 0) {
        warn(found, ViolationCodes.SEGMENT_PAST_END, segment,
            "segment " + segment.text() + " runs past the end of the " + seconds
                + " s video; end the segments by " + seconds + " s or choose a longer duration");
      }
      previous = segment;
    }
    if (previous != null && previous.end().compareTo(length) < 0) {
      warn(found, ViolationCodes.SEGMENT_GAP, previous,
          "segment " + previous.text() + " is the last, leaving " + plain(previous.end()) + " to " + seconds
              + " s of the " + seconds + " s video undescribed; extend it or choose a shorter duration");
    }
  }

  /** A cheap test before the pattern runs: the prompt has an opening and a closing bracket. */
  private static boolean mayHoldSegments(String prompt) {
    return (prompt.indexOf('(') >= 0 || prompt.indexOf('[') >= 0)
        && (prompt.indexOf(')') >= 0 || prompt.indexOf(']') >= 0);
  }

  private static void warn(List<Violation> found, String code, Segment segment, String text) {
    found.add(Violation.warning("prompt", code, segment.text(), ALLOWED, "prompt: " + text));
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
