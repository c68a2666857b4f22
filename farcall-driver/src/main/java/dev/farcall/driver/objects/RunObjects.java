package dev.farcall.driver.objects;

import dev.farcall.api.RemoteObjectLostException;
import dev.farcall.api.RemoteOptions;
import dev.farcall.api.RemoteRef;
import dev.farcall.api.spi.AsyncTarget;
import dev.farcall.dispatch.DispatchException;
import dev.farcall.dispatch.objects.ObjectCreationException;
import dev.farcall.dispatch.objects.ObjectSpec;
import dev.farcall.dispatch.objects.RemoteObject;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.driver.sites.RemoteExceptions;
import dev.farcall.driver.sites.RunIdentity;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.model.MethodId;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.MethodRef;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code Farcall.remote} in a run: checks the type against the effect analysis (a refusal names the
 * method and the reason, here rather than at the first call), encodes the constructor's arguments,
 * creates the object on a worker through the run's dispatch core and hands back a {@link
 * DriverRemoteRef}. When the run cannot reach any worker the object lives at home, as a call would
 * run at home.
 */
public final class RunObjects {

  private final RunIdentity run;
  private final ClassLoader loader;
  private final ArgumentCodec codec;
  private final ObjectTypeCheck check;
  private final Function<Duration, Optional<RemoteObjects>> objects;

  /**
   * @param run the run's identity (its objects end with it)
   * @param loader the program's class loader
   * @param model the program's effect analysis, computed on first use
   * @param objects the run's remote objects, waiting up to the given time for the connection
   */
  public RunObjects(
      RunIdentity run,
      ClassLoader loader,
      Supplier<ProgramModel> model,
      Function<Duration, Optional<RemoteObjects>> objects) {
    this.run = run;
    this.loader = loader;
    this.codec = new ArgumentCodec(loader);
    this.check = new ObjectTypeCheck(memoized(model));
    this.objects = objects;
  }

  /** Creates the object remotely; empty to have it live at home. */
  public <T> Optional<RemoteRef<T>> create(
      AsyncTarget constructor, Object[] arguments, RemoteOptions options) {
    Class<?> type;
    try {
      type = Class.forName(constructor.ownerClass(), false, loader);
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
    check.check(type, constructor.descriptor());
    Constructor<?> c =
        MethodDescriptors.findConstructor(type, constructor.descriptor())
            .orElseThrow(() -> new IllegalArgumentException("no constructor " + constructor));
    MethodCodec ctor = codec.forConstructor(c); // NotTransferableException says which argument
    byte[] payload = ctor.encodeArguments(arguments);
    Optional<RemoteObjects> remote = objects.apply(options.callTimeout());
    if (remote.isEmpty()) {
      return Optional.empty();
    }
    ObjectSpec spec =
        new ObjectSpec(
            run.programId(),
            run.jarSha256(),
            Optional.of(run.runId()),
            new MethodRef(type.getName(), "<init>", constructor.descriptor()),
            ctor.argumentFingerprint(),
            payload,
            options);
    RemoteObject object;
    try {
      object =
          remote
              .get()
              .create(spec)
              .get(options.callTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ObjectCreationException failed) {
        throw creationFailed(type, constructor, failed);
      }
      if (e.getCause() instanceof DispatchException) {
        return Optional.empty(); // no worker could take it: it lives at home
      }
      throw new IllegalStateException("remote object of " + type.getName() + " not created", e);
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return Optional.of(new DriverRemoteRef<>(object, type, loader, codec));
  }

  private RemoteObjectLostException creationFailed(
      Class<?> type, AsyncTarget constructor, ObjectCreationException failed) {
    if (failed.thrown().isPresent()) {
      Throwable thrown =
          RemoteExceptions.rebuild(
              failed.thrown().get(),
              loader,
              new MethodId(type.getName(), "<init>", constructor.descriptor()));
      return new RemoteObjectLostException(
          "-",
          RemoteObjectLostException.Cause.CONSTRUCTOR_FAILED,
          false,
          "the constructor threw " + thrown,
          thrown);
    }
    ErrorCode code = failed.error().orElseThrow().getCode();
    return new RemoteObjectLostException(
        "-",
        code == ErrorCode.OBJECT_LIMIT_REACHED || code == ErrorCode.OBJECT_OUT_OF_MEMORY
            ? RemoteObjectLostException.Cause.OUT_OF_MEMORY
            : RemoteObjectLostException.Cause.CONSTRUCTOR_FAILED,
        false,
        failed.getMessage(),
        null);
  }

  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }
}
