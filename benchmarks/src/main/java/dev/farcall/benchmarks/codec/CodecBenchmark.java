package dev.farcall.benchmarks.codec;

import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.reflect.ReflectDatumReader;
import org.apache.avro.reflect.ReflectDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Encode+decode of one argument record through Farcall's {@link MethodCodec}, side by side with
 * Avro's GenericDatum and ReflectDatum on the same data and the same schema shape, so ratios come
 * from one run. "small" is a record of an int, a long, a 20-char and a 40-char string, a double and
 * an enum (about 90 bytes); "large" is a record holding a list of 12 of those (about 1 KiB).
 * ReflectDatumReader cannot build Java records, so the reflect variants use equivalent POJOs (and
 * Farcall is measured on both).
 *
 * <p>Run: {@code java -cp <classpath> dev.farcall.benchmarks.codec.CodecBenchmark -wi 3 -w 1s -i 5
 * -r 1s -f 1} (any JMH command-line options).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

  /** An enum field, as a program would have. */
  public enum Level {
    LOW,
    MEDIUM,
    HIGH
  }

  /** The small argument. */
  public record Reading(int id, long stamp, String label, double score, Level level, String note) {}

  /** The 1 KiB argument. */
  public record Batch(String source, List<Reading> readings) {}

  /** POJO twin of {@link Reading} for Avro reflection. */
  public static final class ReadingPojo {
    int id;
    long stamp;
    String label;
    double score;
    Level level;
    String note;

    public ReadingPojo() {}

    ReadingPojo(Reading r) {
      id = r.id();
      stamp = r.stamp();
      label = r.label();
      score = r.score();
      level = r.level();
      note = r.note();
    }
  }

  /** POJO twin of {@link Batch} for Avro reflection. */
  public static final class BatchPojo {
    String source;
    List<ReadingPojo> readings;

    public BatchPojo() {}
  }

  /** The methods whose argument records are measured. */
  static final class Calls {
    static void small(Reading reading) {}

    static void large(Batch batch) {}

    static void smallPojo(ReadingPojo reading) {}

    static void largePojo(BatchPojo batch) {}
  }

  private MethodCodec smallCodec;
  private MethodCodec largeCodec;
  private MethodCodec smallPojoCodec;
  private MethodCodec largePojoCodec;
  private Object[] smallArgs;
  private Object[] largeArgs;
  private Object[] smallPojoArgs;
  private Object[] largePojoArgs;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  private GenericDatumWriter<GenericRecord> genericSmallWriter;
  private GenericDatumReader<GenericRecord> genericSmallReader;
  private GenericRecord genericSmall;
  private GenericDatumWriter<GenericRecord> genericLargeWriter;
  private GenericDatumReader<GenericRecord> genericLargeReader;
  private GenericRecord genericLarge;

  private ReflectDatumWriter<ReadingPojo> reflectSmallWriter;
  private ReflectDatumReader<ReadingPojo> reflectSmallReader;
  private ReadingPojo reflectSmall;
  private ReflectDatumWriter<BatchPojo> reflectLargeWriter;
  private ReflectDatumReader<BatchPojo> reflectLargeReader;
  private BatchPojo reflectLarge;

  private static Reading reading(int i) {
    return new Reading(
        1000 + i,
        1_764_000_000_000L + i,
        "sensor-label-" + (1_000_000 + i),
        20.5 + i,
        Level.values()[i % 3],
        "a forty character note about reading " + (100 + i));
  }

  @Setup
  public void setUp() throws Exception {
    // Avro reflection checks the classes it names in schemas: trust exactly the benchmark's own
    // and the list types its POJO uses, never everything.
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.DEFAULT,
            ClassSecurityValidator.builder()
                .add(ReadingPojo.class)
                .add(BatchPojo.class)
                .add(Level.class)
                .add(List.class)
                .add(ArrayList.class)
                .build()));
    ArgumentCodec codec = new ArgumentCodec(CodecBenchmark.class.getClassLoader());
    smallCodec = codec.forMethod(Calls.class.getDeclaredMethod("small", Reading.class));
    largeCodec = codec.forMethod(Calls.class.getDeclaredMethod("large", Batch.class));
    smallPojoCodec = codec.forMethod(Calls.class.getDeclaredMethod("smallPojo", ReadingPojo.class));
    largePojoCodec = codec.forMethod(Calls.class.getDeclaredMethod("largePojo", BatchPojo.class));

    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      readings.add(reading(i));
    }
    smallArgs = new Object[] {reading(0)};
    largeArgs = new Object[] {new Batch("benchmark-source", readings)};
    reflectSmall = new ReadingPojo(reading(0));
    reflectLarge = new BatchPojo();
    reflectLarge.source = "benchmark-source";
    reflectLarge.readings = new ArrayList<>();
    readings.forEach(r -> reflectLarge.readings.add(new ReadingPojo(r)));
    smallPojoArgs = new Object[] {reflectSmall};
    largePojoArgs = new Object[] {reflectLarge};

    // GenericDatum on the very schema and bytes MethodCodec produces.
    Schema smallSchema = smallCodec.argumentSchema();
    Schema largeSchema = largeCodec.argumentSchema();
    genericSmallWriter = new GenericDatumWriter<>(smallSchema);
    genericSmallReader = new GenericDatumReader<>(smallSchema);
    genericSmall = readGeneric(genericSmallReader, smallCodec.encodeArguments(smallArgs));
    genericLargeWriter = new GenericDatumWriter<>(largeSchema);
    genericLargeReader = new GenericDatumReader<>(largeSchema);
    genericLarge = readGeneric(genericLargeReader, largeCodec.encodeArguments(largeArgs));

    Schema reflectSmallSchema = ReflectData.get().getSchema(ReadingPojo.class);
    Schema reflectLargeSchema = ReflectData.get().getSchema(BatchPojo.class);
    reflectSmallWriter = new ReflectDatumWriter<>(reflectSmallSchema);
    reflectSmallReader = new ReflectDatumReader<>(reflectSmallSchema);
    reflectLargeWriter = new ReflectDatumWriter<>(reflectLargeSchema);
    reflectLargeReader = new ReflectDatumReader<>(reflectLargeSchema);
    // Fail at setup, not inside the measurement, if a variant cannot round-trip.
    reflectSmall();
    reflectLarge();
    System.out.printf(
        "%nargument sizes: small %d bytes, large %d bytes; generic small %d bytes%n",
        smallCodec.encodeArguments(smallArgs).length,
        largeCodec.encodeArguments(largeArgs).length,
        genericSmall(genericSmall).length);
  }

  private GenericRecord readGeneric(GenericDatumReader<GenericRecord> reader, byte[] payload)
      throws IOException {
    decoder = DecoderFactory.get().binaryDecoder(payload, decoder);
    return reader.read(null, decoder);
  }

  private byte[] genericSmall(GenericRecord record) throws IOException {
    return write(genericSmallWriter, record);
  }

  private <T> byte[] write(org.apache.avro.io.DatumWriter<T> writer, T value) throws IOException {
    bytes.reset();
    encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
    writer.write(value, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }

  private <T> T read(org.apache.avro.io.DatumReader<T> reader, byte[] payload) throws IOException {
    decoder = DecoderFactory.get().binaryDecoder(payload, decoder);
    return reader.read(null, decoder);
  }

  @Benchmark
  public Object[] farcallSmall() {
    return smallCodec.decodeArguments(
        smallCodec.encodeArguments(smallArgs), smallCodec.argumentFingerprint());
  }

  @Benchmark
  public Object[] farcallSmallPojo() {
    return smallPojoCodec.decodeArguments(
        smallPojoCodec.encodeArguments(smallPojoArgs), smallPojoCodec.argumentFingerprint());
  }

  @Benchmark
  public GenericRecord avroGenericSmall() throws IOException {
    return read(genericSmallReader, write(genericSmallWriter, genericSmall));
  }

  @Benchmark
  public ReadingPojo reflectSmall() throws IOException {
    return read(reflectSmallReader, write(reflectSmallWriter, reflectSmall));
  }

  @Benchmark
  public Object[] farcallLarge() {
    return largeCodec.decodeArguments(
        largeCodec.encodeArguments(largeArgs), largeCodec.argumentFingerprint());
  }

  @Benchmark
  public Object[] farcallLargePojo() {
    return largePojoCodec.decodeArguments(
        largePojoCodec.encodeArguments(largePojoArgs), largePojoCodec.argumentFingerprint());
  }

  @Benchmark
  public GenericRecord avroGenericLarge() throws IOException {
    return read(genericLargeReader, write(genericLargeWriter, genericLarge));
  }

  @Benchmark
  public BatchPojo reflectLarge() throws IOException {
    return read(reflectLargeReader, write(reflectLargeWriter, reflectLarge));
  }

  /**
   * Runs this benchmark with JMH command-line options (for example {@code -f 1 -i 5}), then
   * measures the thread CPU time per operation of every variant in this JVM, interleaved round by
   * round. CPU time stays meaningful when other processes share the cores and stretch the
   * wall-clock figures; interleaving lets the ratios between variants come from the same moments.
   * {@code --cpu-only} skips JMH.
   */
  public static void main(String[] args) throws Exception {
    List<String> jmhArgs = new ArrayList<>(List.of(args));
    boolean cpuOnly = jmhArgs.remove("--cpu-only");
    if (!cpuOnly) {
      CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
      OptionsBuilder options = new OptionsBuilder();
      options.parent(cli);
      if (cli.getIncludes().isEmpty()) {
        options.include(CodecBenchmark.class.getName());
      }
      new Runner(options.build()).run();
    }
    printCpuTimes();
  }

  /** One measured operation. */
  private interface Op {
    Object run() throws Exception;
  }

  private static void printCpuTimes() throws Exception {
    CodecBenchmark b = new CodecBenchmark();
    b.setUp();
    Map<String, Op> ops = new LinkedHashMap<>();
    ops.put("farcallSmall", b::farcallSmall);
    ops.put("farcallSmallPojo", b::farcallSmallPojo);
    ops.put("avroGenericSmall", b::avroGenericSmall);
    ops.put("reflectSmall", b::reflectSmall);
    ops.put("farcallLarge", b::farcallLarge);
    ops.put("farcallLargePojo", b::farcallLargePojo);
    ops.put("avroGenericLarge", b::avroGenericLarge);
    ops.put("reflectLarge", b::reflectLarge);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int warmUp = 20;
    int rounds = 40;
    Map<String, Integer> batch = new LinkedHashMap<>();
    for (Map.Entry<String, Op> op : ops.entrySet()) {
      // A batch of about 10 ms of CPU, so the clock's granularity does not matter.
      int n = 1;
      while (cpuNanos(threads, op.getValue(), n) < 10_000_000L && n < (1 << 24)) {
        n *= 2;
      }
      batch.put(op.getKey(), n);
    }
    Map<String, double[]> perOp = new LinkedHashMap<>();
    ops.keySet().forEach(k -> perOp.put(k, new double[rounds]));
    for (int r = -warmUp; r < rounds; r++) {
      for (Map.Entry<String, Op> op : ops.entrySet()) {
        int n = batch.get(op.getKey());
        double ns = cpuNanos(threads, op.getValue(), n) / (double) n;
        if (r >= 0) {
          perOp.get(op.getKey())[r] = ns;
        }
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    perOp.forEach(
        (k, v) -> {
          Arrays.sort(v);
          medians.put(k, v[v.length / 2]);
        });
    System.out.println();
    System.out.printf(
        "Thread CPU time per operation (median of %d interleaved rounds after %d warm-up rounds):%n",
        rounds, warmUp);
    medians.forEach(
        (k, v) -> {
          double peer = medians.get(k.contains("Small") ? "avroGenericSmall" : "avroGenericLarge");
          System.out.printf(
              Locale.ROOT, "  %-18s %10.0f ns  %5.2fx GenericDatum%n", k, v, v / peer);
        });
  }

  private static long cpuNanos(ThreadMXBean threads, Op op, int times) throws Exception {
    Object sink = null;
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < times; i++) {
      sink = op.run();
    }
    long spent = threads.getCurrentThreadCpuTime() - start;
    if (sink == null) {
      throw new IllegalStateException("an operation returned nothing");
    }
    return spent;
  }
}
