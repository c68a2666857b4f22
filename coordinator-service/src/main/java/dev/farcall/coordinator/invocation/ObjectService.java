package dev.farcall.coordinator.invocation;

import dev.farcall.api.RemoteObjectLostException;
import dev.farcall.api.RemoteOptions;
import dev.farcall.coordinator.analysis.AnalysisNotReadyException;
import dev.farcall.coordinator.analysis.AnalysisService;
import dev.farcall.coordinator.dispatch.DispatchProperties;
import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.coordinator.program.ProgramNotFoundException;
import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.system.InvalidRequestException;
import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.objects.ObjectCreationException;
import dev.farcall.dispatch.objects.ObjectInfo;
import dev.farcall.dispatch.objects.ObjectSpec;
import dev.farcall.dispatch.objects.RemoteObject;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.heuristics.analysis.HandleCycles;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.heuristics.analysis.RemoteObjectTypes;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.codec.NotTransferableException;
import dev.farcall.model.codec.PlainValues;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.wire.MethodRef;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Remote objects created over REST: they belong to no run (they live until deleted or lost), are
 * made with the same codec and resolution as invocations, and answer calls like invocations do. The
 * list also shows the objects of running runs, as their drivers report them; those are called and
 * closed by their runs only.
 */
class ObjectService {

  private final ProgramLookup programs;
  private final ProgramLoaders loaders;
  private final RemoteObjects objects;
  private final DispatchProperties dispatch;
  private final AnalysisService analyses;
  private final Supplier<List<ObjectInfo>> runObjects;

  ObjectService(
      ProgramLookup programs,
      ProgramLoaders loaders,
      RemoteObjects objects,
      DispatchProperties dispatch,
      AnalysisService analyses,
      Supplier<List<ObjectInfo>> runObjects) {
    this.runObjects = runObjects;
    this.programs = programs;
    this.loaders = loaders;
    this.objects = objects;
    this.dispatch = dispatch;
    this.analyses = analyses;
  }

  /**
   * What {@code POST /programs/{id}/objects} answers: {@code warnings} are the analysis' cycles of
   * handle calls the object's type is on (its calls may wait for each other until their timeout).
   */
  record Created(String objectId, String workerId, List<String> warnings) {}

  CompletableFuture<Created> create(String programId, ObjectBody body) {
    if (body.className() == null || body.className().isBlank()) {
      throw new InvalidRequestException("className", "className is required");
    }
    List<Object> args = body.args() == null ? List.of() : body.args();
    ProgramRef program =
        programs.find(programId).orElseThrow(() -> new ProgramNotFoundException(programId));
    ProgramLoaders.LoadedProgram loaded = loaders.get(program);
    Constructor<?> constructor = constructor(loaded, programId, body, args.size());
    List<String> warnings = checkType(programId, constructor);
    MethodCodec codec;
    byte[] payload;
    try {
      codec = loaded.codec().forConstructor(constructor);
      payload = PlainValues.encodeRecord(codec.argumentSchema(), args);
    } catch (NotTransferableException e) {
      throw new NotTransferableMethodException(programId, e);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentsException(programId, constructor.toString(), null, e.getMessage());
    }
    RemoteOptions options = options(body);
    ObjectSpec spec =
        new ObjectSpec(
            programId,
            program.sha256(),
            Optional.empty(),
            new MethodRef(body.className(), "<init>", MethodDescriptors.of(constructor)),
            codec.argumentFingerprint(),
            payload,
            options);
    return objects
        .create(spec)
        .handle(
            (object, failure) -> {
              if (failure == null) {
                return new Created(object.id(), object.owner(), warnings);
              }
              Throwable e = failure instanceof CompletionException c ? c.getCause() : failure;
              if (e instanceof ObjectCreationException created && created.thrown().isPresent()) {
                throw new ObjectProblems.ConstructorFailed(
                    body.className(),
                    created.thrown().get().getClassName().toString(),
                    created.thrown().get().getMessage() == null
                        ? null
                        : created.thrown().get().getMessage().toString());
              }
              if (e instanceof ObjectCreationException created) {
                throw new WorkerErrorException(
                    created.error().orElseThrow().getCode().name(),
                    created.getMessage(),
                    null,
                    "-");
              }
              throw InvocationService.asProblem(e, Deadline.in(options.callTimeout()));
            });
  }

  /**
   * The rule {@code Farcall.remote} applies in a run: the analysis must be DONE (409 otherwise) and
   * the type free of I/O, global writes and exits in what a handle can call (422 otherwise).
   *
   * @return the warnings of the cycles of handle calls the type is on
   */
  private List<String> checkType(String programId, Constructor<?> constructor) {
    ProgramModel model =
        analyses
            .model(programId)
            .orElseThrow(
                () -> new AnalysisNotReadyException(programId, analyses.status(programId)));
    Class<?> type = constructor.getDeclaringClass();
    RemoteObjectTypes.refusal(model, type, MethodDescriptors.of(constructor))
        .ifPresent(
            reason -> {
              throw new ObjectProblems.TypeRefused(type.getName(), reason);
            });
    return HandleCycles.through(model, type.getName()).stream()
        .map(HandleCycles.Cycle::message)
        .toList();
  }

  CompletableFuture<InvocationResponse> invoke(String objectId, InvocationBody body) {
    RemoteObject object =
        objects.find(objectId).orElseThrow(() -> new ObjectProblems.NotFound(objectId));
    if (body.methodName() == null || body.methodName().isBlank()) {
      throw new InvalidRequestException("methodName", "methodName is required");
    }
    List<Object> args = body.args() == null ? List.of() : body.args();
    ProgramRef program =
        programs
            .find(object.spec().programId())
            .orElseThrow(() -> new ProgramNotFoundException(object.spec().programId()));
    ProgramLoaders.LoadedProgram loaded = loaders.get(program);
    // resolved as an instance method (the receiver counted), whose receiver is the object
    Method method =
        MethodResolver.resolve(
            loaded.loader(),
            program.id(),
            object.spec().className(),
            body.methodName(),
            Optional.ofNullable(body.parameterTypes()),
            args.size() + 1);
    if (Modifier.isStatic(method.getModifiers())) {
      throw new InvalidRequestException(
          "methodName", body.methodName() + " is static: call it through /invocations");
    }
    MethodCodec codec;
    byte[] payload;
    try {
      codec = loaded.codec().forObjectMethod(method);
      payload = PlainValues.encodeRecord(codec.argumentSchema(), args);
    } catch (NotTransferableException e) {
      throw new NotTransferableMethodException(program.id(), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentsException(
          program.id(), MethodResolver.signature(method), null, e.getMessage());
    }
    Deadline deadline = Deadline.in(object.spec().options().callTimeout());
    return object
        .call(
            new MethodRef(
                method.getDeclaringClass().getName(),
                method.getName(),
                MethodDescriptors.of(method)),
            codec.argumentFingerprint(),
            payload)
        .handle(
            (outcome, failure) -> {
              if (failure == null) {
                return InvocationService.respond(outcome, codec, deadline);
              }
              Throwable e = failure instanceof CompletionException c ? c.getCause() : failure;
              if (e instanceof RemoteObjectLostException lost) {
                if (lost.lossCause() == RemoteObjectLostException.Cause.CLOSED) {
                  throw new ObjectProblems.NotFound(objectId);
                }
                throw new ObjectProblems.Lost(
                    objectId, lost.lossCause().name(), lost.stateLost(), lost.getMessage());
              }
              throw InvocationService.asProblem(e, deadline);
            });
  }

  List<ObjectInfo> list() {
    return java.util.stream.Stream.concat(
            objects.all().stream().map(RemoteObject::info), runObjects.get().stream())
        .sorted(Comparator.comparing(ObjectInfo::objectId))
        .toList();
  }

  void delete(String objectId) {
    if (objects.find(objectId).isEmpty()) {
      throw new ObjectProblems.NotFound(objectId);
    }
    objects.close(objectId);
  }

  private RemoteOptions options(ObjectBody body) {
    RemoteOptions options = RemoteOptions.defaults().withCallTimeout(dispatch.getDefaultDeadline());
    if (body.timeoutMillis() != null) {
      long max = dispatch.getMaxDeadline().toMillis();
      if (body.timeoutMillis() < 1 || body.timeoutMillis() > max) {
        throw new InvalidRequestException(
            "timeoutMillis", "timeoutMillis must be between 1 and " + max);
      }
      options = options.withCallTimeout(Duration.ofMillis(body.timeoutMillis()));
    }
    if (body.maxRestarts() != null) {
      if (body.maxRestarts() < 0 || body.maxRestarts() > 100) {
        throw new InvalidRequestException("maxRestarts", "maxRestarts must be between 0 and 100");
      }
      options = options.withMaxRestarts(body.maxRestarts());
    }
    if (body.placement() != null && !body.placement().isBlank()) {
      options = options.withPlacement(body.placement());
    }
    return options;
  }

  private static Constructor<?> constructor(
      ProgramLoaders.LoadedProgram loaded, String programId, ObjectBody body, int arguments) {
    if (!loaded.loader().definesClass(body.className())) {
      throw new MethodNotFoundException(
          programId, body.className(), "<init>", "no class " + body.className(), List.of());
    }
    Class<?> type;
    try {
      type = Class.forName(body.className(), false, loaded.loader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new MethodNotFoundException(
          programId, body.className(), "<init>", "cannot load " + body.className(), List.of());
    }
    List<Constructor<?>> fitting =
        Arrays.stream(type.getConstructors())
            .filter(c -> c.getParameterCount() == arguments)
            .filter(
                c ->
                    body.parameterTypes() == null
                        || Arrays.stream(c.getParameterTypes())
                            .map(Class::getTypeName)
                            .toList()
                            .equals(body.parameterTypes()))
            .toList();
    if (fitting.size() != 1) {
      throw new MethodNotFoundException(
          programId,
          body.className(),
          "<init>",
          fitting.isEmpty()
              ? "no public constructor of " + body.className() + " takes " + arguments + " args"
              : "several constructors take " + arguments + " args: give parameterTypes",
          Arrays.stream(type.getConstructors()).map(Constructor::toString).toList());
    }
    return fitting.get(0);
  }
}
