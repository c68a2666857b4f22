package dev.farcall.worker.invoke;

import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.codec.NotTransferableException;
import dev.farcall.model.codec.PayloadException;
import dev.farcall.model.codec.PayloadTooLargeException;
import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.worker.jar.JarUnavailableException;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call of a request and describes the outcome as an {@link InvocationResult}. Never
 * throws: whatever the method throws becomes a {@code ThrownException}, and whatever keeps Farcall
 * from invoking it becomes an {@code InvocationError}.
 */
public class CallExecutor {

  private static final Logger log = LoggerFactory.getLogger(CallExecutor.class);

  private final ProgramRegistry programs;
  private final WorkerMetrics metrics;
  private final String workerId;
  private final Clock clock;
  private final int maxResultBytes;

  /**
   * @param maxResultBytes the largest encoded result replied; a larger one becomes a {@code
   *     RESULT_TOO_LARGE} error, found while encoding, before the reply is produced
   */
  public CallExecutor(
      ProgramRegistry programs,
      WorkerMetrics metrics,
      String workerId,
      Clock clock,
      int maxResultBytes) {
    this.programs = programs;
    this.metrics = metrics;
    this.workerId = workerId;
    this.clock = clock;
    this.maxResultBytes = maxResultBytes;
  }

  /**
   * How a call's method is found and called: a stateless call resolves a method of the program and
   * passes the decoded arguments as they are; a remote object's call resolves a method without its
   * receiver and puts the object first.
   */
  public interface Binding {

    /** The method {@code ref} names, with the codec of what travels. */
    InvocableMethod resolve(LoadedProgram program, MethodRef ref);

    /** The invoker's arguments from the decoded ones. */
    Object[] arguments(Object[] decoded);

    /** Sees what the method returned (a constructor: the new object) before it is encoded. */
    default void returned(Object value) {}
  }

  private static final Binding STATELESS =
      new Binding() {
        @Override
        public InvocableMethod resolve(LoadedProgram program, MethodRef ref) {
          return program.method(ref);
        }

        @Override
        public Object[] arguments(Object[] decoded) {
          return decoded;
        }
      };

  /** Executes {@code call} of {@code request}. */
  public InvocationResult execute(InvocationRequest request, Call call) {
    return execute(request, call, STATELESS);
  }

  /**
   * Executes {@code call} of {@code request} with the method and arguments {@code binding} gives.
   */
  public InvocationResult execute(InvocationRequest request, Call call, Binding binding) {
    long now = clock.millis();
    byte[] arguments = bytes(call.getArguments());
    InvocationResult.Builder result = base(request, call, now, arguments.length);
    try {
      if (now > request.getDeadlineEpochMillis()) {
        throw new InvocationFailure(
            ErrorCode.DEADLINE_EXPIRED,
            "deadline passed " + (now - request.getDeadlineEpochMillis()) + " ms before execution");
      }
      long setupStart = System.nanoTime();
      LoadedProgram program = programs.load(request.getProgramId(), request.getJarSha256());
      InvocableMethod method = binding.resolve(program, request.getMethod());
      result.setSetupMicros((System.nanoTime() - setupStart) / 1000);
      Object[] decoded = decode(method.codec(), arguments, request.getSchemaFingerprint());
      return invoke(program, method, binding, binding.arguments(decoded), result);
    } catch (InvocationFailure f) {
      return failed(result, f.code(), f.getMessage());
    } catch (JarUnavailableException e) {
      return failed(result, ErrorCode.JAR_UNAVAILABLE, e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      log.error("cannot invoke {} for {}", request.getMethod(), call.getInvocationId(), e);
      return failed(result, ErrorCode.INTERNAL, "worker failed: " + e);
    }
  }

  /**
   * The answer to a call that ran nothing and returned nothing (an object's close); the base of an
   * object's refusal.
   */
  public InvocationResult answered(InvocationRequest request, Call call) {
    return base(request, call, clock.millis(), call.getArguments().remaining())
        .setOutcome(new ReturnedValue(ByteBuffer.allocate(0)))
        .build();
  }

  private InvocationResult.Builder base(
      InvocationRequest request, Call call, long now, int requestBytes) {
    return InvocationResult.newBuilder()
        .setInvocationId(call.getInvocationId())
        .setRunId(request.getRunId())
        .setAttempt(request.getAttempt())
        .setWorkerId(workerId)
        .setQueueMicros(
            request.getSentEpochMillis() > 0
                ? Math.max(0, now - request.getSentEpochMillis()) * 1000
                : 0)
        .setRequestBytes(requestBytes);
  }

  private static Object[] decode(MethodCodec codec, byte[] payload, long fingerprint) {
    if (fingerprint != codec.argumentFingerprint()) {
      throw new InvocationFailure(
          ErrorCode.SCHEMA_MISMATCH,
          "argument schema fingerprint "
              + fingerprint
              + " does not match "
              + codec.argumentFingerprint()
              + " derived from the jar");
    }
    try {
      return codec.decodeArguments(payload, fingerprint);
    } catch (PayloadException e) {
      throw new InvocationFailure(ErrorCode.DECODE_FAILED, e.getMessage(), e);
    } catch (NotTransferableException e) {
      throw new InvocationFailure(ErrorCode.NOT_TRANSFERABLE, e.getMessage(), e);
    }
  }

  private InvocationResult invoke(
      LoadedProgram program,
      InvocableMethod method,
      Binding binding,
      Object[] arguments,
      InvocationResult.Builder result) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(program.loader());
    Object value = null;
    Throwable thrown = null;
    long start = System.nanoTime();
    try {
      value = method.invoke(arguments);
    } catch (Throwable t) {
      thrown = t;
    } finally {
      thread.setContextClassLoader(previous);
    }
    long micros = (System.nanoTime() - start) / 1000;
    result.setExecuteMicros(micros);
    metrics.executed(micros, thrown != null);
    if (thrown != null) {
      return result.setOutcome(ThrownExceptions.of(thrown)).build();
    }
    binding.returned(value);
    byte[] payload;
    try {
      payload = method.codec().encodeResult(value, maxResultBytes);
    } catch (NotTransferableException e) {
      return result
          .setOutcome(new InvocationError(ErrorCode.NOT_TRANSFERABLE, e.getMessage()))
          .build();
    } catch (PayloadTooLargeException e) {
      value = null; // the result may be huge: let it go before anything else is allocated
      return failed(
          result,
          ErrorCode.RESULT_TOO_LARGE,
          "The method's encoded result exceeds the largest reply this worker sends, "
              + maxResultBytes
              + " bytes (farcall.worker.max-result-size)");
    }
    return result
        .setResultBytes(payload.length)
        .setOutcome(new ReturnedValue(ByteBuffer.wrap(payload)))
        .build();
  }

  private InvocationResult failed(InvocationResult.Builder result, ErrorCode code, String message) {
    metrics.failed(code);
    return result
        .setOutcome(new InvocationError(code, message == null ? code.name() : message))
        .build();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return bytes;
  }
}
