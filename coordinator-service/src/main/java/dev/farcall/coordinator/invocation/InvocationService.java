package dev.farcall.coordinator.invocation;

import dev.farcall.coordinator.dispatch.DispatchProperties;
import dev.farcall.coordinator.invocation.InvocationResponse.ExceptionView;
import dev.farcall.coordinator.invocation.InvocationResponse.Outcome;
import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.coordinator.program.ProgramNotFoundException;
import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.system.FarcallException;
import dev.farcall.coordinator.system.InvalidRequestException;
import dev.farcall.dispatch.CallTooLargeException;
import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.DeadlineExceededException;
import dev.farcall.dispatch.DispatchException;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.RemoteCall;
import dev.farcall.dispatch.RemoteInvoker;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.codec.NotTransferableException;
import dev.farcall.model.codec.PayloadException;
import dev.farcall.model.codec.PlainValues;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.ThrownException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;

/**
 * Invokes one method of an uploaded program on a worker for a REST caller: finds the program and
 * the method, converts the JSON arguments with the method's codec, dispatches, waits for the one
 * outcome up to the deadline and converts it back to JSON.
 */
class InvocationService {

  /** Extra wait beyond the deadline, so the dispatcher (not this thread) declares expiry. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final ProgramLookup programs;
  private final ProgramLoaders loaders;
  private final RemoteInvoker invoker;
  private final DispatchProperties dispatch;
  private final EffectFreeMethods effectFree;

  InvocationService(
      ProgramLookup programs,
      ProgramLoaders loaders,
      RemoteInvoker invoker,
      DispatchProperties dispatch,
      EffectFreeMethods effectFree) {
    this.programs = programs;
    this.loaders = loaders;
    this.invoker = invoker;
    this.dispatch = dispatch;
    this.effectFree = effectFree;
  }

  /** Without the analysis: every call runs at most once unless it asks for retries. */
  InvocationService(
      ProgramLookup programs,
      ProgramLoaders loaders,
      RemoteInvoker invoker,
      DispatchProperties dispatch) {
    this(programs, loaders, invoker, dispatch, (program, method) -> false);
  }

  /** A method resolved and ready to be called: what it is and how its values are encoded. */
  record Prepared(ProgramRef program, Method method, MethodCodec codec, byte[] arguments) {}

  InvocationResponse invoke(String programId, InvocationBody body) {
    try {
      return invokeAsync(programId, body).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Resolves and encodes at once (so bad requests fail before anything is sent), then dispatches
   * without holding the caller's thread: the REST endpoint returns this future, so waiting
   * invocations never tie up the servlet threads that workers need to fetch jars.
   */
  java.util.concurrent.CompletableFuture<InvocationResponse> invokeAsync(
      String programId, InvocationBody body) {
    Duration timeout = timeoutOf(body);
    Prepared prepared = prepare(programId, body);
    Method method = prepared.method();
    Deadline deadline = Deadline.in(timeout);
    MethodRef ref =
        new MethodRef(
            method.getDeclaringClass().getName(), method.getName(), MethodDescriptors.of(method));
    RemoteCall call =
        RemoteCall.single(
                programId,
                prepared.program().sha256(),
                ref,
                prepared.codec().argumentFingerprint(),
                prepared.arguments(),
                deadline)
            .withDelivery(delivery(programId, ref, body.retry()));
    java.util.concurrent.CompletableFuture<InvocationResponse> answer =
        new java.util.concurrent.CompletableFuture<>();
    invoker
        .invoke(call)
        .orTimeout(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (outcome, failure) -> {
              if (failure == null) {
                try {
                  answer.complete(respond(outcome, prepared.codec(), deadline));
                } catch (RuntimeException e) {
                  answer.completeExceptionally(e);
                }
              } else {
                answer.completeExceptionally(asProblem(failure, deadline));
              }
            });
    return answer;
  }

  /**
   * Resending is safe only for an effect-free method; one with effects runs at most once unless the
   * caller asked for retries.
   */
  RemoteCall.Delivery delivery(String programId, MethodRef method, RetryPolicy retry) {
    RetryPolicy policy = retry == null ? RetryPolicy.AUTO : retry;
    boolean resend =
        switch (policy) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO -> effectFree.isEffectFree(programId, method);
        };
    return resend ? RemoteCall.Delivery.RETRY_ON_ANOTHER_WORKER : RemoteCall.Delivery.AT_MOST_ONCE;
  }

  static RuntimeException asProblem(Throwable failure, Deadline deadline) {
    Throwable cause =
        failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof FarcallException || cause instanceof DispatchException) {
      return (RuntimeException) cause;
    }
    if (cause instanceof TimeoutException) {
      return new DeadlineExceededException("-", deadline, 0);
    }
    return new IllegalStateException("dispatch failed", cause);
  }

  /**
   * Finds the program and method and encodes the arguments, without dispatching anything.
   *
   * @throws ProgramNotFoundException, MethodNotFoundException, AmbiguousMethodException,
   *     NotTransferableMethodException, InvalidArgumentsException
   */
  Prepared prepare(String programId, InvocationBody body) {
    if (body.className() == null || body.className().isBlank()) {
      throw new InvalidRequestException("className", "className is required");
    }
    if (body.methodName() == null || body.methodName().isBlank()) {
      throw new InvalidRequestException("methodName", "methodName is required");
    }
    List<Object> args = body.args() == null ? List.of() : body.args();
    ProgramRef program =
        programs.find(programId).orElseThrow(() -> new ProgramNotFoundException(programId));
    ProgramLoaders.LoadedProgram loaded = loaders.get(program);
    Method method =
        MethodResolver.resolve(
            loaded.loader(),
            programId,
            body.className(),
            body.methodName(),
            Optional.ofNullable(body.parameterTypes()),
            args.size());
    MethodCodec codec;
    try {
      codec = loaded.codec().forMethod(method);
    } catch (NotTransferableException e) {
      throw new NotTransferableMethodException(programId, e);
    } catch (LinkageError e) {
      throw new MethodNotFoundException(
          programId,
          body.className(),
          body.methodName(),
          "a type in the signature of " + MethodResolver.signature(method) + " is missing: " + e,
          List.of(MethodResolver.signature(method)));
    }
    byte[] payload;
    try {
      payload = PlainValues.encodeRecord(codec.argumentSchema(), args);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentsException(
          programId,
          MethodResolver.signature(method),
          argumentNamed(codec.argumentSchema(), e.getMessage()),
          e.getMessage());
    }
    return new Prepared(program, method, codec, payload);
  }

  private Duration timeoutOf(InvocationBody body) {
    if (body.timeoutMillis() == null) {
      return dispatch.getDefaultDeadline();
    }
    long millis = body.timeoutMillis();
    long max = dispatch.getMaxDeadline().toMillis();
    if (millis < 1 || millis > max) {
      throw new InvalidRequestException(
          "timeoutMillis", "timeoutMillis must be between 1 and " + max + ", got " + millis);
    }
    return Duration.ofMillis(millis);
  }

  /** The argument field a codec error message starts with ("point.x: expected ..."), if any. */
  private static String argumentNamed(Schema schema, String message) {
    if (message == null) {
      return null;
    }
    String best = null;
    for (Schema.Field f : schema.getFields()) {
      String name = f.name();
      if (message.startsWith(name)
          && (message.length() == name.length()
              || ".[: ".indexOf(message.charAt(name.length())) >= 0)
          && (best == null || name.length() > best.length())) {
        best = name;
      }
    }
    return best;
  }

  static InvocationResponse respond(
      InvocationOutcome outcome, MethodCodec codec, Deadline deadline) {
    InvocationResult result = outcome.result();
    Object value = result.getOutcome();
    if (value instanceof ReturnedValue returned) {
      List<Object> fields;
      try {
        fields = PlainValues.decodeRecord(codec.resultSchema(), bytes(returned.getPayload()));
      } catch (PayloadException e) {
        throw new WorkerErrorException(
            ErrorCode.DECODE_FAILED.name(),
            "the worker's result could not be decoded: " + e.getMessage(),
            result.getWorkerId(),
            outcome.invocationId());
      }
      return new InvocationResponse(
          outcome.invocationId(),
          Outcome.RETURNED,
          PlainJson.toJson(fields.isEmpty() ? null : fields.get(0)),
          null,
          result.getWorkerId(),
          outcome.roundTripMicros(),
          result.getExecuteMicros(),
          outcome.attempts());
    }
    if (value instanceof ThrownException thrown) {
      return new InvocationResponse(
          outcome.invocationId(),
          Outcome.THREW,
          null,
          view(thrown),
          result.getWorkerId(),
          outcome.roundTripMicros(),
          result.getExecuteMicros(),
          outcome.attempts());
    }
    InvocationError error = (InvocationError) value;
    if (error.getCode() == ErrorCode.DEADLINE_EXPIRED) {
      throw new DeadlineExceededException(outcome.invocationId(), deadline, outcome.attempts());
    }
    if (error.getCode() == ErrorCode.RESULT_TOO_LARGE) {
      throw CallTooLargeException.result(outcome.invocationId(), error.getMessage());
    }
    throw new WorkerErrorException(
        error.getCode().name(), error.getMessage(), result.getWorkerId(), outcome.invocationId());
  }

  private static ExceptionView view(ThrownException e) {
    return new ExceptionView(
        e.getClassName(),
        e.getMessage(),
        List.copyOf(e.getStackTrace()),
        e.getCause() == null ? null : view(e.getCause()));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return bytes;
  }
}
