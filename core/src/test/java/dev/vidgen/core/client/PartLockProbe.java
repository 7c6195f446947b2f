package dev.vidgen.core.client;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Run in a process of its own: prints whether another process holds a lock on the file named. */
public final class PartLockProbe {
  private PartLockProbe() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      System.out.print(lock == null ? "held" : "free");
    }
  }
}
