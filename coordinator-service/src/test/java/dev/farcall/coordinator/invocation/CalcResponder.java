package dev.farcall.coordinator.invocation;

import dev.farcall.dispatch.FakeWorker;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.codec.PlainValues;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.program.ProgramClassLoader;
import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fake worker's brain for {@link TestPrograms#CALC}: finds the requested method in its own loader
 * of the jar, checks the fingerprint, decodes the arguments as plain values and computes the answer
 * of a few methods in plain Java (without running program code), as the real method would.
 */
final class CalcResponder implements FakeWorker.Responder {

  private final ProgramClassLoader loader;
  private final ArgumentCodec codec;

  CalcResponder(Path jar) {
    this.loader = ProgramClassLoader.fromJar(jar, "fake-worker", getClass().getClassLoader());
    this.codec = new ArgumentCodec(loader);
  }

  @Override
  public InvocationResult.Builder respond(InvocationRequest request, Call call) {
    MethodCodec method = codecFor(request);
    if (method.argumentFingerprint() != request.getSchemaFingerprint()) {
      throw new IllegalStateException("fingerprint mismatch");
    }
    List<Object> args =
        PlainValues.decodeRecord(method.argumentSchema(), bytes(call.getArguments()));
    Object result;
    switch (request.getMethod().getName()) {
      case "shift" -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) args.get(0);
        int dx = ((Number) args.get(1)).intValue();
        result = Map.of("x", ((Number) p.get("x")).intValue() + dx, "y", p.get("y"));
      }
      case "total" -> {
        int sum = 0;
        for (Object o : (List<?>) args.get(0)) {
          Map<?, ?> p = (Map<?, ?>) o;
          sum += ((Number) p.get("x")).intValue() + ((Number) p.get("y")).intValue();
        }
        result = sum;
      }
      case "divide" -> {
        int b = ((Number) args.get(1)).intValue();
        if (b == 0) {
          return FakeWorker.threw("java.lang.ArithmeticException", "/ by zero");
        }
        result = ((Number) args.get(0)).intValue() / b;
      }
      case "twice" -> {
        String s = (String) args.get(0);
        result = args.size() == 1 ? s + s : s.repeat(((Number) args.get(1)).intValue());
      }
      case "nothing" -> {
        return FakeWorker.returned(PlainValues.encodeRecord(method.resultSchema(), List.of()));
      }
      default -> {
        return null; // never answers anything else
      }
    }
    return FakeWorker.returned(PlainValues.encodeRecord(method.resultSchema(), List.of(result)));
  }

  private MethodCodec codecFor(InvocationRequest request) {
    try {
      Class<?> owner = Class.forName(request.getMethod().getOwnerClass(), false, loader);
      Method m =
          MethodDescriptors.find(
                  owner, request.getMethod().getName(), request.getMethod().getDescriptor())
              .orElseThrow();
      return codec.forMethod(m);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
