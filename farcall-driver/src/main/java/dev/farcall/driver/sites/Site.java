package dev.farcall.driver.sites;

import dev.farcall.model.MethodId;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.wire.SiteStatistics;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** One dispatchable method of the run: its decision, its codec and its profile. */
final class Site {

  final MethodId key;
  final boolean countsLocalCalls;
  final boolean fixed;
  // when the site entered its decision, System.nanoTime() (the adaptive policy's dwell)
  volatile long decidedAtNanos = System.nanoTime();
  // calls still to send remotely while the site stays LOCAL (the adaptive policy's trial calls)
  final java.util.concurrent.atomic.AtomicInteger trialCalls =
      new java.util.concurrent.atomic.AtomicInteger();
  final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  final LongAdder workNanos = new LongAdder();
  final LongAdder roundTripNanos = new LongAdder();
  // set once the site ran in MODE_LOCAL, whose calls nobody counts
  volatile boolean uncountedLocalCalls;
  volatile Decision decision;
  // Most calls of this site per request, as the adaptive policy recommends (no cap of its own until
  // a policy says so).
  volatile int maxCallsPerRequest = Integer.MAX_VALUE;
  private final ClassLoader loader;
  private final Supplier<ArgumentCodec> codecs;
  private volatile Method method;
  private volatile boolean isStatic;
  private volatile Optional<MethodCodec> methodCodec;
  final LongAdder localCalls = new LongAdder();
  final LongAdder remoteCalls = new LongAdder();
  final LongAdder fallbacks = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder workMicros = new LongAdder();
  final LongAdder overheadMicros = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  final LongAdder bytesReceived = new LongAdder();

  Site(SitePlan plan, ClassLoader loader, Supplier<ArgumentCodec> codecs) {
    this.key = plan.method();
    this.decision = plan.decision();
    this.countsLocalCalls = plan.countsLocalCalls();
    this.fixed = plan.fixed();
    this.loader = loader;
    this.codecs = codecs;
  }

  /** The codec, built on the first remote call; empty (and the site stays home) if impossible. */
  Optional<MethodCodec> codec() {
    Optional<MethodCodec> c = methodCodec;
    if (c == null) {
      synchronized (this) {
        if (methodCodec == null) {
          methodCodec = build();
        }
        c = methodCodec;
      }
    }
    return c;
  }

  private Optional<MethodCodec> build() {
    try {
      Class<?> owner = Class.forName(key.className(), false, loader);
      Optional<Method> found = MethodDescriptors.find(owner, key.methodName(), key.descriptor());
      if (found.isEmpty()) {
        return Optional.empty();
      }
      method = found.get();
      isStatic = Modifier.isStatic(method.getModifiers());
      return Optional.of(codecs.get().forMethod(method));
    } catch (ClassNotFoundException | LinkageError | RuntimeException unusable) {
      return Optional.empty();
    }
  }

  /**
   * Whether these arguments may travel: an override in a subclass, or a subclass's state, would not
   * survive encoding as the declared type, so such calls stay home. Call after {@link #codec}.
   */
  boolean receiverIsExactly(Object[] arguments) {
    return isStatic
        || (arguments.length > 0
            && arguments[0] != null
            && arguments[0].getClass() == method.getDeclaringClass());
  }

  void recordRemote(int attempts, long executeMicros, int sent, int received, long roundTripNanos) {
    long roundTrip = roundTripNanos / 1_000;
    remoteCalls.increment();
    retries.add(Math.max(0, attempts - 1));
    workMicros.add(executeMicros);
    overheadMicros.add(Math.max(0, roundTrip - executeMicros));
    workNanos.add(executeMicros * 1_000);
    this.roundTripNanos.add(roundTripNanos);
    bytesSent.add(sent);
    bytesReceived.add(received);
  }

  /** Local calls counted so far, including those counted by the rewritten code. */
  long localCalls(LongAdder counted) {
    return localCalls.sum() + (counted == null ? 0 : counted.sum());
  }

  SiteStatistics statistics(LongAdder counted, LongAdder timedNanos, LongAdder timed, double cpu) {
    long remote = remoteCalls.sum();
    long timedCalls = timed == null ? 0 : timed.sum();
    return SiteStatistics.newBuilder()
        .setMethod(key.toWire())
        .setRemote(decision == Decision.REMOTE)
        .setLocalCalls(uncountedLocalCalls ? null : localCalls(counted))
        .setRemoteCalls(remote)
        .setFallbacks(fallbacks.sum())
        .setMeanWorkMicros(remote == 0 ? 0 : (double) workMicros.sum() / remote)
        .setMeanOverheadMicros(remote == 0 ? 0 : (double) overheadMicros.sum() / remote)
        .setBytesSent(bytesSent.sum())
        .setBytesReceived(bytesReceived.sum())
        .setRetries(retries.sum())
        .setTimedLocalCalls(timedCalls)
        .setMeanLocalWorkMicros(timedCalls == 0 ? 0 : timedNanos.sum() / 1_000.0 / timedCalls)
        .setCpuShare(cpu)
        .build();
  }
}
