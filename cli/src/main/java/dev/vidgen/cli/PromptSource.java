package dev.vidgen.cli;

import dev.vidgen.core.text.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Where the prompt comes from: {@code --prompt TEXT}, {@code --prompt -} (stdin) or {@code --prompt-file FILE}. */
final class PromptSource {
  /** More than any model takes; a larger input is surely the wrong file. */
  static final int MAX_BYTES = 1 << 20;

  private PromptSource() {}

  /**
   * The prompt, or null when none was given; a trailing newline of a file or of stdin is dropped.
   *
   * @throws CliException (exit 2) when both ways are used, or the file cannot be read as UTF-8 text
   */
  static String read(String prompt, Path promptFile, CliContext context) {
    if (prompt != null && promptFile != null) {
      throw CliException.usage("--prompt and --prompt-file are both given",
          "give the prompt one way: --prompt TEXT, --prompt - (standard input) or --prompt-file FILE");
    }
    if (promptFile != null) {
      Path file = context.resolve(promptFile);
      try {
        byte[] bytes;
        // Read up to the limit and one byte more: a pipe or a device (<(…), /dev/zero) has no size to look at first.
        // Opening a pipe waits for its writer, so a pipe not read in time is said to wait, from before it is opened.
        try (SlowReadNotice waiting = SlowReadNotice.arm(List.of(file), "--prompt-file " + promptFile,
            PromptSource.noteTo(context), SlowReadNotice.AFTER);
            InputStream in = Files.newInputStream(file)) {
          bytes = Files.size(file) > MAX_BYTES ? new byte[MAX_BYTES + 1] : in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
          throw CliException.usage("--prompt-file " + promptFile + " is larger than 1 MiB",
              "give a text file holding only the prompt");
        }
        return trimmed(decode(bytes, "--prompt-file " + promptFile));
      } catch (NoSuchFileException e) {
        throw CliException.usage("--prompt-file " + promptFile + " does not exist", "give the path of a text file");
      } catch (IOException e) {
        throw CliException.usage("--prompt-file " + promptFile + " cannot be read: " + e.getMessage(),
            "give the path of a readable text file");
      }
    }
    if ("-".equals(prompt)) {
      if (context.in() == System.in && ClosedStdin.now()) {
        // What descriptor 0 holds then is a file of the JVM's own, not a prompt: it is not read, nor blamed for its size.
        throw CliException.usage("--prompt - reads the prompt from standard input, and standard input is closed",
            "pipe the prompt in (echo TEXT | vidgen generate --prompt - …), or give --prompt TEXT or --prompt-file FILE");
      }
      try {
        byte[] bytes = context.in().readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw CliException.usage("the prompt on standard input is larger than 1 MiB", "pipe in only the prompt");
        }
        return trimmed(decode(bytes, "the prompt on standard input"));
      } catch (IOException e) {
        throw CliException.usage("standard input cannot be read: " + e.getMessage(), "pipe the prompt in, or use --prompt TEXT");
      }
    }
    return prompt;
  }

  /** A note on the command's stderr, as the command's own notes are printed. */
  private static Consumer<String> noteTo(CliContext context) {
    return text -> {
      synchronized (context.err()) {
        context.err().println("vidgen: " + SafeText.clean(text));
        context.err().flush();
      }
    };
  }

  private static String decode(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw CliException.usage(what + " is not UTF-8 text", "save the prompt as UTF-8 text");
    }
  }

  /** Without a byte-order mark, with Windows line ends made plain ({@code \r\n} to {@code \n}) and no trailing space. */
  private static String trimmed(String text) {
    String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return withoutBom.replace("\r\n", "\n").stripTrailing();
  }
}
