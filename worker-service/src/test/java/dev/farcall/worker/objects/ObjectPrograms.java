package dev.farcall.worker.objects;

import dev.farcall.api.RemoteOptions;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.objects.ObjectSpec;
import dev.farcall.dispatch.objects.RemoteObject;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.worker.support.TestProgram;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The remote object program the object tests use, and encoding its calls as a driver does. */
final class ObjectPrograms {

  static final String PROGRAM = "objects";

  static final Map<String, String> SOURCES =
      Map.of(
          "demo/Tally.java",
          """
          package demo;

          import java.util.ArrayList;
          import java.util.List;

          /** Counts, and records who added in which order. */
          public class Tally {
            private int value;
            private final List<String> log = new ArrayList<>();

            public Tally(int start) {
              this.value = start;
            }

            public int add(String caller, int sequence) {
              log.add(caller + ":" + sequence);
              return ++value;
            }

            public int value() {
              return value;
            }

            public List<String> log() {
              return new ArrayList<>(log);
            }

            public int slowValue(long millis) throws InterruptedException {
              Thread.sleep(millis);
              return value;
            }
          }
          """,
          "demo/Hog.java",
          """
          package demo;

          /** Takes a lot of heap when made. */
          public class Hog {
            private final byte[] bytes;

            public Hog(int megabytes) {
              this.bytes = new byte[megabytes << 20];
            }

            public int size() {
              return bytes.length;
            }
          }
          """);

  private static TestProgram program;

  static synchronized TestProgram program() {
    if (program == null) {
      program = TestProgram.compile(SOURCES);
    }
    return program;
  }

  private ObjectPrograms() {}

  /** The spec of a {@code demo.Tally} (or another class with one int constructor). */
  static ObjectSpec spec(String className, int argument, RemoteOptions options) {
    TestProgram p = program();
    Constructor<?> constructor = p.type(className).getDeclaredConstructors()[0];
    MethodCodec codec = p.argumentCodec().forConstructor(constructor);
    return new ObjectSpec(
        PROGRAM,
        p.sha256(),
        Optional.of("run-1"),
        new MethodRef(className, "<init>", MethodDescriptors.of(constructor)),
        codec.argumentFingerprint(),
        codec.encodeArguments(new Object[] {argument}),
        options);
  }

  static Method method(String className, String name) {
    return Arrays.stream(program().type(className).getDeclaredMethods())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Calls a method of the object, as a driver encodes it. */
  static CompletableFuture<InvocationOutcome> call(
      RemoteObject object, String method, Object... arguments) {
    Method m = method(object.spec().className(), method);
    MethodCodec codec = program().argumentCodec().forObjectMethod(m);
    return object.call(
        new MethodRef(m.getDeclaringClass().getName(), m.getName(), MethodDescriptors.of(m)),
        codec.argumentFingerprint(),
        codec.encodeArguments(arguments));
  }

  /** The value an outcome returned. */
  static Object value(String className, String method, InvocationOutcome outcome) {
    if (!(outcome.result().getOutcome() instanceof ReturnedValue returned)) {
      throw new AssertionError("not a returned value: " + outcome.result().getOutcome());
    }
    ByteBuffer b = returned.getPayload().duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return program().argumentCodec().forObjectMethod(method(className, method)).decodeResult(bytes);
  }
}
