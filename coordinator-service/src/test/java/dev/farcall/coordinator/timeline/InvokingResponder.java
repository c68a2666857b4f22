package dev.farcall.coordinator.timeline;

import dev.farcall.dispatch.FakeWorker;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.program.ProgramClassLoader;
import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A fake worker's brain that does what a worker does with a call of a static method: decodes the
 * arguments with the shared codec, invokes the method from its own loader of the jar, and encodes
 * the result, reporting the time it spent in the method.
 */
final class InvokingResponder implements FakeWorker.Responder {

  private final ProgramClassLoader loader;
  private final ArgumentCodec codec;

  InvokingResponder(Path jar) {
    this.loader = ProgramClassLoader.fromJar(jar, "fake-worker", getClass().getClassLoader());
    this.codec = new ArgumentCodec(loader);
  }

  @Override
  public InvocationResult.Builder respond(InvocationRequest request, Call call) {
    try {
      Class<?> owner = Class.forName(request.getMethod().getOwnerClass(), false, loader);
      Method m =
          MethodDescriptors.find(
                  owner, request.getMethod().getName(), request.getMethod().getDescriptor())
              .orElseThrow();
      m.setAccessible(true);
      MethodCodec method = codec.forMethod(m);
      Object[] args =
          method.decodeArguments(bytes(call.getArguments()), request.getSchemaFingerprint());
      long started = System.nanoTime();
      Object result = m.invoke(null, args);
      long micros = (System.nanoTime() - started) / 1_000;
      return FakeWorker.returned(method.encodeResult(result)).setExecuteMicros(micros);
    } catch (ReflectiveOperationException e) {
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
