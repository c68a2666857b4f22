package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.program.ProgramClassLoader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used cache of each program's class loader and argument codec, keyed by
 * program id and jar SHA-256. Loading reads the jar into memory but defines no class until one is
 * asked for, and initialises none.
 */
final class ProgramLoaders {

  /** A program's loader and the codec over it. */
  record LoadedProgram(ProgramClassLoader loader, ArgumentCodec codec) {}

  private final Map<String, LoadedProgram> cache;

  ProgramLoaders(int capacity) {
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, LoadedProgram> eldest) {
            return size() > capacity;
          }
        };
  }

  LoadedProgram get(ProgramRef program) {
    String key = program.id() + "@" + program.sha256();
    synchronized (cache) {
      LoadedProgram loaded = cache.get(key);
      if (loaded != null) {
        return loaded;
      }
    }
    // Read the jar outside the lock; if two threads race, the first one stored wins.
    ProgramClassLoader loader =
        ProgramClassLoader.fromJar(
            program.jarFile(), program.id(), ProgramLoaders.class.getClassLoader());
    LoadedProgram fresh = new LoadedProgram(loader, new ArgumentCodec(loader));
    synchronized (cache) {
      LoadedProgram raced = cache.putIfAbsent(key, fresh);
      return raced != null ? raced : fresh;
    }
  }

  int size() {
    synchronized (cache) {
      return cache.size();
    }
  }
}
