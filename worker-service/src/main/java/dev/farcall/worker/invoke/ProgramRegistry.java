package dev.farcall.worker.invoke;

import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.program.ProgramClassLoader;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.worker.jar.JarCache;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The programs loaded on this worker, one isolated {@link ProgramClassLoader} per jar SHA-256,
 * bounded: the least recently used program is dropped (with its loader and resolved methods) when
 * more than the configured number are loaded. Calls still running on a dropped program finish
 * normally.
 */
public class ProgramRegistry {

  private final JarCache jars;
  private final ClassLoader apiLoader;
  private final Map<String, CompletableFuture<LoadedProgram>> programs;

  public ProgramRegistry(JarCache jars, int maxLoaded) {
    this.jars = jars;
    // The worker's own loader supplies dev.farcall.api to every program.
    this.apiLoader = ProgramRegistry.class.getClassLoader();
    this.programs =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(
              Map.Entry<String, CompletableFuture<LoadedProgram>> e) {
            return size() > maxLoaded;
          }
        };
  }

  /**
   * The loaded program with this jar, fetching and loading it on first use.
   *
   * @throws dev.farcall.worker.jar.JarUnavailableException if the jar cannot be had
   * @throws InvocationFailure JAR_UNAVAILABLE if the jar cannot be read as a jar
   */
  public LoadedProgram load(String programId, String sha256) {
    CompletableFuture<LoadedProgram> future;
    boolean mine = false;
    synchronized (programs) {
      future = programs.get(sha256);
      if (future == null) {
        future = new CompletableFuture<>();
        programs.put(sha256, future);
        mine = true;
      }
    }
    if (mine) {
      try {
        future.complete(loadNow(programId, sha256));
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
        synchronized (programs) {
          programs.remove(sha256, future);
        }
      }
    }
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** How many programs are loaded. */
  public int loadedCount() {
    synchronized (programs) {
      return programs.size();
    }
  }

  private LoadedProgram loadNow(String programId, String sha256) {
    Path jar = jars.obtain(programId, sha256);
    ProgramClassLoader loader;
    try {
      loader = ProgramClassLoader.fromJar(jar, programId, apiLoader);
    } catch (RuntimeException e) {
      throw new InvocationFailure(
          ErrorCode.JAR_UNAVAILABLE, "cannot read jar of program " + programId + ": " + e, e);
    }
    return new LoadedProgram(sha256, loader, new ArgumentCodec(loader));
  }
}
