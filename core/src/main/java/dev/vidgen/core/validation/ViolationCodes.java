package dev.vidgen.core.validation;

/**
 * The stable codes of {@link Violation#code()}: programs may switch on them, and they never
 * change meaning. Codes that start with {@code conflict.} mean two fields of the job disagree.
 */
public final class ViolationCodes {
  /** No job was given at all. */
  public static final String JOB_MISSING = "job.missing";
  /** The model id is blank. */
  public static final String MODEL_MISSING = "model.missing";
  /** No route has the model id; the message suggests the nearest ids. */
  public static final String MODEL_UNKNOWN = "model.unknown";
  /**
   * The route is retired: an error that says when, why and what to choose instead, or a warning
   * when retired routes are allowed.
   */
  public static final String MODEL_RETIRED = "model.retired";
  /**
   * A warning: the route's retirement day is still to come; the job is sent, and the message says
   * the day, why, and what to choose before then.
   */
  public static final String MODEL_RETIRING = "model.retiring";
  /**
   * A warning: a route file (or code) replaced vidgen's built-in route of the model whole and gave none of the
   * provider hints the built-in route has, so a provider that needs them spells the request its standard way.
   */
  public static final String MODEL_HINTS_DROPPED = "model.hints_dropped";
  /** The route's provider hints cannot be used by the client's provider (an unknown key, a wrong type). */
  public static final String MODEL_HINTS_UNUSABLE = "model.hints_unusable";
  /** The route does not offer the requested (or inferred) mode. */
  public static final String MODE_NOT_OFFERED = "mode.not_offered";
  /**
   * Warning: a job naming no mode had its mode inferred from how many images or videos it has, where another route of
   * the same family reads the same inputs as another mode; the message names the mode sent and how to ask for the other.
   */
  public static final String MODE_CHOSEN_BY_COUNT = "mode.chosen_by_count";
  /** The prompt is missing or blank where one is required. */
  public static final String PROMPT_MISSING = "prompt.missing";
  /** The prompt has more characters (code points) than the route allows. */
  public static final String PROMPT_TOO_LONG = "prompt.too_long";
  /**
   * A warning: the prompt holds control characters (other than line breaks and tabs) or text-direction
   * overrides, which a model reads as noise and which make the prompt read otherwise than it shows.
   */
  public static final String PROMPT_CONTROL_CHARACTERS = "prompt.control_characters";
  /** Fewer images than the mode needs. */
  public static final String IMAGES_TOO_FEW = "images.too_few";
  /** More images than the mode takes. */
  public static final String IMAGES_TOO_MANY = "images.too_many";
  /** Images given to a mode that takes none. */
  public static final String IMAGES_NOT_ACCEPTED = "images.not_accepted";
  /** Fewer input videos than the mode needs. */
  public static final String VIDEOS_TOO_FEW = "videos.too_few";
  /** More input videos than the mode takes. */
  public static final String VIDEOS_TOO_MANY = "videos.too_many";
  /** Input videos given to a mode that takes none. */
  public static final String VIDEOS_NOT_ACCEPTED = "videos.not_accepted";
  /** An image URL is not http or https. */
  public static final String IMAGE_SCHEME = "image.scheme";
  /** An http(s) image URL has no host. */
  public static final String IMAGE_INVALID_URL = "image.invalid_url";
  /**
   * Warning: an http(s) image URL names this machine or a private network ({@code localhost}, {@code 127.0.0.1},
   * {@code 192.168.x}, {@code *.local}), which the provider cannot fetch; the file's path is uploaded instead.
   */
  public static final String IMAGE_URL_NOT_PUBLIC = "image.url_not_public";
  /** A local image file does not exist. */
  public static final String IMAGE_MISSING = "image.missing";
  /** A local image path is a directory or another non-regular file. */
  public static final String IMAGE_NOT_A_FILE = "image.not_a_file";
  /** A local image file cannot be read. */
  public static final String IMAGE_UNREADABLE = "image.unreadable";
  /** A local image file is not JPEG, PNG or WebP by its content. */
  public static final String IMAGE_FORMAT = "image.format";
  /** A local image file opens as JPEG, PNG or WebP but its header cannot be read or it is cut short. */
  public static final String IMAGE_DAMAGED = "image.damaged";
  /** Warning: a local JPEG does not end as a whole one does (no end marker near its end); it may be cut short. */
  public static final String IMAGE_MAY_BE_CUT = "image.may_be_cut";
  /** A local image file is over the 10 MB upload limit. */
  public static final String IMAGE_TOO_LARGE = "image.too_large";
  /**
   * A local image's width and height, read from its header, are outside its route's pixel limits (the route's
   * {@code image_pixels} rule: a short side too short, or a width:height too tall or too wide).
   */
  public static final String IMAGE_PIXELS = "image.pixels";
  /**
   * A local image file no longer holds the bytes the job was validated with: replaced before its upload (then not
   * uploaded), or changed, deleted or made unreadable while it was being uploaded. No create is sent.
   */
  public static final String IMAGE_CHANGED = "image.changed";
  /** An input video URL is not http or https. */
  public static final String VIDEO_SCHEME = "video.scheme";
  /** Warning: an http(s) input video URL names this machine or a private network, as {@link #IMAGE_URL_NOT_PUBLIC}. */
  public static final String VIDEO_URL_NOT_PUBLIC = "video.url_not_public";
  /** A local video file does not exist. */
  public static final String VIDEO_MISSING = "video.missing";
  /** A local video path is a directory or another non-regular file. */
  public static final String VIDEO_NOT_A_FILE = "video.not_a_file";
  /** A local video file cannot be read. */
  public static final String VIDEO_UNREADABLE = "video.unreadable";
  /** A local video file is not MP4, MOV or WebM by its content. */
  public static final String VIDEO_FORMAT = "video.format";
  /** A local MP4 or MOV file's boxes do not add up to a whole video (cut short, or no index or frames). */
  public static final String VIDEO_DAMAGED = "video.damaged";
  /** A local video file is over the 50 MB upload limit. */
  public static final String VIDEO_TOO_LARGE = "video.too_large";
  /**
   * A local video file no longer holds the bytes the job was validated with: replaced before its upload (then not
   * uploaded), or changed, deleted or made unreadable while it was being uploaded. No create is sent.
   */
  public static final String VIDEO_CHANGED = "video.changed";
  /** The key may not use the model now: the provider's live model list lacks it. */
  public static final String MODEL_NOT_AVAILABLE = "model.not_available";
  /** The route takes no follow-on job of that kind (extend or remix). */
  public static final String FOLLOW_ON_NOT_OFFERED = "follow_on.not_offered";
  /** The follow-on's size is not one the route takes. */
  public static final String SIZE_NOT_OFFERED = "size.not_offered";
  /** A size was given to a follow-on that takes none. */
  public static final String SIZE_NOT_ACCEPTED = "size.not_accepted";
  /** The follow-on needs a size and none was given. */
  public static final String SIZE_MISSING = "size.missing";
  /** The task a follow-on starts from failed, as a free status read of it says; nothing was sent. */
  public static final String SOURCE_FAILED = "source.failed";
  /** The task a follow-on starts from is not finished yet, as a free status read of it says; nothing was sent. */
  public static final String SOURCE_NOT_FINISHED = "source.not_finished";
  /** The task a follow-on starts from was made by another model than the follow-on names, as its status read says. */
  public static final String SOURCE_OTHER_MODEL = "source.other_model";

  /** The duration is not one the route offers. */
  public static final String SECONDS_NOT_OFFERED = "seconds.not_offered";
  /** The aspect ratio is not one the route offers. */
  public static final String ASPECT_RATIO_NOT_OFFERED = "aspect_ratio.not_offered";
  /** An aspect ratio was given to a route that takes none. */
  public static final String ASPECT_RATIO_NOT_ACCEPTED = "aspect_ratio.not_accepted";
  /** The resolution is not one the route offers. */
  public static final String RESOLUTION_NOT_OFFERED = "resolution.not_offered";
  /** A resolution was given to a route that takes none. */
  public static final String RESOLUTION_NOT_ACCEPTED = "resolution.not_accepted";
  /** The duration is not offered at the chosen resolution. */
  public static final String CONFLICT_RESOLUTION_SECONDS = "conflict.resolution_seconds";
  /** The aspect ratio is not offered at the chosen resolution. */
  public static final String CONFLICT_RESOLUTION_ASPECT_RATIO = "conflict.resolution_aspect_ratio";
  /** The mode is not offered at the chosen resolution. */
  public static final String CONFLICT_RESOLUTION_MODE = "conflict.resolution_mode";
  /** The aspect ratio is not offered in the chosen mode. */
  public static final String CONFLICT_MODE_ASPECT_RATIO = "conflict.mode_aspect_ratio";
  /** A provider parameter does not work in the chosen mode. */
  public static final String CONFLICT_PARAM_MODE = "conflict.param_mode";
  /** A provider parameter does not work at the chosen resolution. */
  public static final String CONFLICT_PARAM_RESOLUTION = "conflict.param_resolution";

  /** A provider parameter holds more entries than the route allows (or is not a list). */
  public static final String PARAM_TOO_MANY_ITEMS = "param.too_many_items";
  /** A provider parameter needs an image or a video in the job, and the job has none. */
  public static final String PARAM_NEEDS_INPUTS = "param.needs_inputs";
  /** A provider parameter has a value its route does not offer (the route's {@code param_one_of} rule). */
  public static final String PARAM_NOT_OFFERED = "param.not_offered";
  /** A URL in a role parameter (such as {@code audio_with_roles}) has a scheme its route does not take. */
  public static final String PARAM_URL_SCHEME = "param.url_scheme";

  /** Warning: the provider ignores the aspect ratio in this mode. */
  public static final String ASPECT_RATIO_IGNORED = "aspect_ratio.ignored";
  /**
   * An extra parameter would replace a field of the request that the job's own settings fill (its
   * duration, say) after they were checked and priced; reported by the provider, which knows the fields.
   */
  public static final String PARAM_REPLACES_SETTING = "param.replaces_setting";
  /** Warning: an extra parameter the route does not document; it is sent unchanged. */
  public static final String PARAM_UNKNOWN = "param.unknown";
  /**
   * A provider parameter holds more text than vidgen takes in one (its strings, {@code data:} URLs left out, over
   * the ceiling a prompt without a documented limit has): a wrong file or a paste gone wrong, refused before it is paid.
   */
  public static final String PARAM_TOO_LONG = "param.too_long";
  /** The prompt, an input's link or a parameter holds the provider's API key, which would leave with it. */
  public static final String TEXT_HOLDS_API_KEY = "text.holds_api_key";
  /**
   * The prompt, the model, a setting or a parameter holds a broken character: half of an emoji or other character
   * outside the basic plane (an unpaired UTF-16 surrogate, as cutting text by UTF-16 index leaves), which would be
   * sent as "?".
   */
  public static final String TEXT_BROKEN_CHARACTER = "text.broken_character";
  /** Warning: a timed prompt segment such as "(10-15s)" runs past the end of the video. */
  public static final String SEGMENT_PAST_END = "prompt.segment_past_end";
  /** Warning: a timed prompt segment overlaps the one before it. */
  public static final String SEGMENT_OVERLAP = "prompt.segment_overlap";
  /** Warning: timed prompt segments leave part of the video undescribed. */
  public static final String SEGMENT_GAP = "prompt.segment_gap";
  /** Warning: a timed prompt segment ends where or before it starts. */
  public static final String SEGMENT_EMPTY = "prompt.segment_empty";

  private ViolationCodes() {}
}
