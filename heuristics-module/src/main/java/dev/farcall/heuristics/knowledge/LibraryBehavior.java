package dev.farcall.heuristics.knowledge;

import dev.farcall.heuristics.Effect;
import java.util.Set;

/**
 * What a library (JDK) method does, as recorded in the knowledge base.
 *
 * @param effects its effects (empty: pure)
 * @param mutatesReceiver whether it writes to its receiver (or objects reachable from it)
 * @param mutatedArguments bit {@code k} set: it writes to argument {@code k} (0-based, receiver not
 *     counted) or objects reachable from it
 * @param freshResult whether its result is a newly allocated object (not reachable from inputs)
 * @param concurrentSink whether functional arguments passed to it run concurrently (executors,
 *     {@code CompletableFuture.supplyAsync}, {@code ForkJoinPool.submit})
 * @param parallel whether it turns a stream parallel (lambdas later in the pipeline run
 *     concurrently)
 * @param source where the entry comes from: {@code file:line target}
 */
public record LibraryBehavior(
    Set<Effect> effects,
    boolean mutatesReceiver,
    long mutatedArguments,
    boolean freshResult,
    boolean concurrentSink,
    boolean parallel,
    String source) {

  public LibraryBehavior {
    effects = Set.copyOf(effects);
  }

  /** Whether argument {@code k} (receiver not counted) may be written. */
  public boolean mutatesArgument(int k) {
    return k < 64 && (mutatedArguments & (1L << k)) != 0;
  }
}
