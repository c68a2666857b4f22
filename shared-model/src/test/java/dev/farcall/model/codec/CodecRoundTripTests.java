package dev.farcall.model.codec;

import static dev.farcall.model.codec.CodecTesting.codec;
import static dev.farcall.model.codec.CodecTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.model.codec.Fixtures.Account;
import dev.farcall.model.codec.Fixtures.Box;
import dev.farcall.model.codec.Fixtures.Collections;
import dev.farcall.model.codec.Fixtures.Color;
import dev.farcall.model.codec.Fixtures.Counter;
import dev.farcall.model.codec.Fixtures.Extras;
import dev.farcall.model.codec.Fixtures.Item;
import dev.farcall.model.codec.Fixtures.Kinds;
import dev.farcall.model.codec.Fixtures.Node;
import dev.farcall.model.codec.Fixtures.Order;
import dev.farcall.model.codec.Fixtures.Point;
import dev.farcall.model.codec.Fixtures.Scalars;
import dev.farcall.model.codec.Fixtures.Small;
import dev.farcall.model.codec.Fixtures.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

class CodecRoundTripTests {

  // ---- generators -------------------------------------------------------------------------

  /** Any text except lone surrogates, which UTF-8 (and so Avro) cannot carry. */
  static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\ud7ff')
        .withCharRange('\ue000', '\uffff')
        .ofMaxLength(24);
  }

  static <T> Arbitrary<T> orNull(Arbitrary<T> a) {
    return a.injectNull(0.1);
  }

  static Arbitrary<Color> colors() {
    return Arbitraries.of(Color.class);
  }

  static Arbitrary<BigDecimal> decimals() {
    return Combinators.combine(
            Arbitraries.bigIntegers()
                .between(
                    BigInteger.valueOf(-1_000_000_000_000L).pow(2),
                    BigInteger.valueOf(1_000_000_000_000L).pow(2)),
            Arbitraries.integers().between(-20, 20))
        .as(BigDecimal::new);
  }

  static Arbitrary<Item> items() {
    return Combinators.combine(
            orNull(text()),
            orNull(decimals()),
            Arbitraries.integers(),
            orNull(colors().injectNull(0.1).list().ofMaxSize(4)))
        .as(Item::new);
  }

  static Arbitrary<Order> orders() {
    return Combinators.combine(
            orNull(Arbitraries.create(UUID::randomUUID)),
            items().list().ofMaxSize(4),
            Arbitraries.maps(text(), colors().list().ofMaxSize(3)).ofMaxSize(3),
            Arbitraries.maps(colors(), orNull(Arbitraries.integers())).ofMaxSize(3),
            orNull(localDates()),
            orNull(items()))
        .as(Order::new);
  }

  static Arbitrary<LocalDate> localDates() {
    return Arbitraries.longs().between(-3_000_000, 3_000_000).map(LocalDate::ofEpochDay);
  }

  static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  static Arbitrary<ZoneId> zones() {
    List<ZoneId> zones = new ArrayList<>();
    ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).forEach(zones::add);
    zones.add(ZoneOffset.UTC);
    zones.add(ZoneOffset.ofHoursMinutes(5, 30));
    return Arbitraries.of(zones);
  }

  static Arbitrary<ZoneOffset> offsets() {
    return Arbitraries.integers().between(-18 * 3600, 18 * 3600).map(ZoneOffset::ofTotalSeconds);
  }

  @Provide
  Arbitrary<Order> order() {
    return orders();
  }

  @Provide
  Arbitrary<List<Item>> itemLists() {
    return orNull(items().injectNull(0.1).list().ofMaxSize(5));
  }

  @Provide
  Arbitrary<Small> small() {
    return Combinators.combine(
            Arbitraries.integers(),
            Arbitraries.longs(),
            orNull(text()),
            Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0),
            orNull(colors()))
        .as(Small::new);
  }

  @Provide
  Arbitrary<Scalars> scalars() {
    return Builders.withBuilder(ScalarsBuilder::new)
        .use(Arbitraries.of(true, false))
        .in((b, v) -> b.z(v))
        .use(Arbitraries.bytes())
        .in((b, v) -> b.b(v))
        .use(Arbitraries.shorts())
        .in((b, v) -> b.s(v))
        .use(Arbitraries.chars())
        .in((b, v) -> b.c(v))
        .use(Arbitraries.integers())
        .in((b, v) -> b.i(v))
        .use(Arbitraries.longs())
        .in((b, v) -> b.l(v))
        .use(Arbitraries.floats().withSpecialValue(Float.NaN))
        .in((b, v) -> b.f(v))
        .use(Arbitraries.doubles().withSpecialValue(Double.NEGATIVE_INFINITY))
        .in((b, v) -> b.d(v))
        .use(orNull(Arbitraries.of(true, false)))
        .in((b, v) -> b.bz(v))
        .use(orNull(Arbitraries.bytes()))
        .in((b, v) -> b.bb(v))
        .use(orNull(Arbitraries.shorts()))
        .in((b, v) -> b.bs(v))
        .use(orNull(Arbitraries.chars()))
        .in((b, v) -> b.bc(v))
        .use(orNull(Arbitraries.integers()))
        .in((b, v) -> b.bi(v))
        .use(orNull(Arbitraries.longs()))
        .in((b, v) -> b.bl(v))
        .use(orNull(Arbitraries.floats()))
        .in((b, v) -> b.bf(v))
        .use(orNull(Arbitraries.doubles()))
        .in((b, v) -> b.bd(v))
        .use(orNull(text()))
        .in((b, v) -> b.text(v))
        .build(ScalarsBuilder::build);
  }

  /** Mutable builder: Scalars has more components than jqwik's combinators take. */
  static final class ScalarsBuilder {
    boolean z;
    byte b;
    short s;
    char c;
    int i;
    long l;
    float f;
    double d;
    Boolean bz;
    Byte bb;
    Short bs;
    Character bc;
    Integer bi;
    Long bl;
    Float bf;
    Double bd;
    String text;

    ScalarsBuilder z(boolean v) {
      z = v;
      return this;
    }

    ScalarsBuilder b(byte v) {
      b = v;
      return this;
    }

    ScalarsBuilder s(short v) {
      s = v;
      return this;
    }

    ScalarsBuilder c(char v) {
      c = v;
      return this;
    }

    ScalarsBuilder i(int v) {
      i = v;
      return this;
    }

    ScalarsBuilder l(long v) {
      l = v;
      return this;
    }

    ScalarsBuilder f(float v) {
      f = v;
      return this;
    }

    ScalarsBuilder d(double v) {
      d = v;
      return this;
    }

    ScalarsBuilder bz(Boolean v) {
      bz = v;
      return this;
    }

    ScalarsBuilder bb(Byte v) {
      bb = v;
      return this;
    }

    ScalarsBuilder bs(Short v) {
      bs = v;
      return this;
    }

    ScalarsBuilder bc(Character v) {
      bc = v;
      return this;
    }

    ScalarsBuilder bi(Integer v) {
      bi = v;
      return this;
    }

    ScalarsBuilder bl(Long v) {
      bl = v;
      return this;
    }

    ScalarsBuilder bf(Float v) {
      bf = v;
      return this;
    }

    ScalarsBuilder bd(Double v) {
      bd = v;
      return this;
    }

    ScalarsBuilder text(String v) {
      text = v;
      return this;
    }

    Scalars build() {
      return new Scalars(z, b, s, c, i, l, f, d, bz, bb, bs, bc, bi, bl, bf, bd, text);
    }
  }

  @Provide
  Arbitrary<Values> values() {
    Arbitrary<OffsetDateTime> offsetDateTimes =
        Combinators.combine(instants(), offsets()).as(OffsetDateTime::ofInstant);
    Arbitrary<ZonedDateTime> zonedDateTimes =
        Combinators.combine(instants(), zones()).as(ZonedDateTime::ofInstant);
    Arbitrary<LocalTime> times =
        Arbitraries.longs().between(0, 86_400_000_000_000L - 1).map(LocalTime::ofNanoOfDay);
    Arbitrary<LocalDateTime> dateTimes =
        Combinators.combine(localDates(), times).as(LocalDateTime::of);
    Arbitrary<Duration> durations =
        Combinators.combine(
                Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Duration::ofSeconds);
    Arbitrary<Period> periods =
        Combinators.combine(
                Arbitraries.integers().between(-1000, 1000),
                Arbitraries.integers().between(-100, 100),
                Arbitraries.integers().between(-1000, 1000))
            .as(Period::of);
    return Builders.withBuilder(() -> new Object[12])
        .use(orNull(Arbitraries.create(UUID::randomUUID)))
        .in((a, v) -> set(a, 0, v))
        .use(orNull(decimals()))
        .in((a, v) -> set(a, 1, v))
        .use(
            orNull(
                Arbitraries.bigIntegers()
                    .between(BigInteger.TWO.pow(100).negate(), BigInteger.TWO.pow(100))))
        .in((a, v) -> set(a, 2, v))
        .use(orNull(instants()))
        .in((a, v) -> set(a, 3, v))
        .use(orNull(localDates()))
        .in((a, v) -> set(a, 4, v))
        .use(orNull(times))
        .in((a, v) -> set(a, 5, v))
        .use(orNull(dateTimes))
        .in((a, v) -> set(a, 6, v))
        .use(orNull(offsetDateTimes))
        .in((a, v) -> set(a, 7, v))
        .use(orNull(zonedDateTimes))
        .in((a, v) -> set(a, 8, v))
        .use(orNull(durations))
        .in((a, v) -> set(a, 9, v))
        .use(orNull(periods))
        .in((a, v) -> set(a, 10, v))
        .use(orNull(zones()))
        .in((a, v) -> set(a, 11, v))
        .build(
            a ->
                new Values(
                    (UUID) a[0],
                    (BigDecimal) a[1],
                    (BigInteger) a[2],
                    (Instant) a[3],
                    (LocalDate) a[4],
                    (LocalTime) a[5],
                    (LocalDateTime) a[6],
                    (OffsetDateTime) a[7],
                    (ZonedDateTime) a[8],
                    (Duration) a[9],
                    (Period) a[10],
                    (ZoneId) a[11]));
  }

  private static Object[] set(Object[] a, int i, Object v) {
    a[i] = v;
    return a;
  }

  @Provide
  Arbitrary<Collections> collections() {
    Arbitrary<Integer> ints = Arbitraries.integers();
    Arbitrary<Point> points = Combinators.combine(ints, ints).as(Point::new);
    return Builders.withBuilder(() -> new Object[14])
        .use(orNull(text()).list().ofMaxSize(4))
        .in((a, v) -> set(a, 0, v))
        .use(orNull(ints).list().ofMaxSize(4).map(ArrayList::new))
        .in((a, v) -> set(a, 1, v))
        .use(orNull(Arbitraries.longs()).list().ofMaxSize(4).map(LinkedList::new))
        .in((a, v) -> set(a, 2, v))
        .use(text().set().ofMaxSize(4).map(LinkedHashSet::new))
        .in((a, v) -> set(a, 3, v))
        .use(ints.set().ofMaxSize(4).map(HashSet::new))
        .in((a, v) -> set(a, 4, v))
        .use(text().list().ofMaxSize(4).map(LinkedHashSet::new))
        .in((a, v) -> set(a, 5, v))
        .use(text().set().ofMaxSize(4).map(TreeSet::new))
        .in((a, v) -> set(a, 6, v))
        .use(ints.set().ofMaxSize(4).map(TreeSet::new))
        .in((a, v) -> set(a, 7, v))
        .use(Arbitraries.maps(text(), orNull(ints)).ofMaxSize(4).map(LinkedHashMap::new))
        .in((a, v) -> set(a, 8, v))
        .use(Arbitraries.maps(orNull(ints), text()).ofMaxSize(4).map(HashMap::new))
        .in((a, v) -> set(a, 9, v))
        .use(Arbitraries.maps(text(), orNull(points)).ofMaxSize(4).map(LinkedHashMap::new))
        .in((a, v) -> set(a, 10, v))
        .use(Arbitraries.maps(text(), colors()).ofMaxSize(4).map(TreeMap::new))
        .in((a, v) -> set(a, 11, v))
        .use(
            Arbitraries.maps(Arbitraries.longs(), text().list().ofMaxSize(2))
                .ofMaxSize(4)
                .map(TreeMap::new))
        .in((a, v) -> set(a, 12, v))
        .use(Arbitraries.maps(points, colors()).ofMaxSize(4))
        .in((a, v) -> set(a, 13, v))
        .build(CodecRoundTripTests::collectionsOf);
  }

  @SuppressWarnings("unchecked")
  private static Collections collectionsOf(Object[] a) {
    return new Collections(
        (List<String>) a[0],
        (ArrayList<Integer>) a[1],
        (LinkedList<Long>) a[2],
        (java.util.Set<String>) a[3],
        (HashSet<Integer>) a[4],
        (LinkedHashSet<String>) a[5],
        (java.util.SortedSet<String>) a[6],
        (TreeSet<Integer>) a[7],
        (Map<String, Integer>) a[8],
        (HashMap<Integer, String>) a[9],
        (LinkedHashMap<String, Point>) a[10],
        (java.util.SortedMap<String, Color>) a[11],
        (TreeMap<Long, List<String>>) a[12],
        (Map<Point, Color>) a[13]);
  }

  @Provide
  Arbitrary<Account> accounts() {
    Arbitrary<Point> points =
        Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(Point::new);
    return Combinators.combine(
            Arbitraries.longs(),
            orNull(text()),
            points.injectNull(0.1).list().ofMaxSize(4),
            orNull(Arbitraries.integers().array(int[].class).ofMaxSize(5)))
        .as(Account::new);
  }

  @Provide
  Arbitrary<Node> nodes() {
    return Arbitraries.integers()
        .list()
        .ofMaxSize(50)
        .map(
            values -> {
              Node head = null;
              for (int v : values) {
                head = new Node(v, head);
              }
              return head;
            });
  }

  @Provide
  Arbitrary<Kinds> kinds() {
    Arbitrary<Integer> ints = Arbitraries.integers();
    Arbitrary<Point> points = Combinators.combine(ints, ints).as(Point::new);
    return Combinators.combine(
            orNull(text()).list().ofMaxSize(4).map(ArrayList::new),
            Arbitraries.longs().set().ofMaxSize(4).map(TreeSet::new),
            Arbitraries.maps(text(), orNull(ints)).ofMaxSize(4).map(TreeMap::new),
            orNull(points).list().ofMaxSize(3).map(ArrayList::new),
            orNull(Arbitraries.of(Month.class)),
            orNull(Arbitraries.of(ChronoUnit.class)),
            orNull(Arbitraries.of(RoundingMode.class)))
        .as(Kinds::new);
  }

  @Provide
  Arbitrary<Extras> extras() {
    Arbitrary<LocalTime> times =
        Arbitraries.longs().between(0, 86_400_000_000_000L - 1).map(LocalTime::ofNanoOfDay);
    Arbitrary<Year> years =
        Arbitraries.integers().between(Year.MIN_VALUE, Year.MAX_VALUE).map(Year::of);
    Arbitrary<Map<Character, Short>> shorts =
        Arbitraries.maps(orNull(Arbitraries.chars()), orNull(Arbitraries.shorts()))
            .ofMaxSize(4)
            .map(LinkedHashMap::new);
    return Builders.withBuilder(() -> new Object[9])
        .use(orNull(Combinators.combine(times, offsets()).as(OffsetTime::of)))
        .in((a, v) -> set(a, 0, v))
        .use(orNull(years))
        .in((a, v) -> set(a, 1, v))
        .use(
            orNull(
                Combinators.combine(years, Arbitraries.of(Month.class))
                    .as((y, m) -> YearMonth.of(y.getValue(), m))))
        .in((a, v) -> set(a, 2, v))
        .use(orNull(localDates().map(d -> MonthDay.of(d.getMonth(), d.getDayOfMonth()))))
        .in((a, v) -> set(a, 3, v))
        .use(orNull(offsets()))
        .in((a, v) -> set(a, 4, v))
        .use(orNull(Arbitraries.of(DayOfWeek.class)))
        .in((a, v) -> set(a, 5, v))
        .use(orNull(Arbitraries.of(TimeUnit.class)))
        .in((a, v) -> set(a, 6, v))
        .use(orNull(orNull(Arbitraries.chars()).list().ofMaxSize(4)))
        .in((a, v) -> set(a, 7, v))
        .use(orNull(shorts))
        .in((a, v) -> set(a, 8, v))
        .build(CodecRoundTripTests::extrasOf);
  }

  @SuppressWarnings("unchecked")
  private static Extras extrasOf(Object[] a) {
    return new Extras(
        (OffsetTime) a[0],
        (Year) a[1],
        (YearMonth) a[2],
        (MonthDay) a[3],
        (ZoneOffset) a[4],
        (DayOfWeek) a[5],
        (TimeUnit) a[6],
        (List<Character>) a[7],
        (Map<Character, Short>) a[8]);
  }

  // ---- properties ---------------------------------------------------------------------------

  @Property
  void smallRecordRoundTrips(@ForAll("small") Small small) {
    assertThat(roundTrip(codec("small"), small)).containsExactly(small);
  }

  @Property
  void primitivesBoxesAndStringsRoundTrip(
      @ForAll("scalars") Scalars scalars, @ForAll int i, @ForAll double d, @ForAll char c) {
    MethodCodec codec = codec("scalars");
    assertThat(roundTrip(codec, scalars, i, d, c, null)).containsExactly(scalars, i, d, c, null);
    assertThat(roundTrip(codec, null, i, d, c, 7L)).containsExactly(null, i, d, c, 7L);
  }

  @Property
  void jdkValueTypesRoundTripLosslessly(@ForAll("values") Values values) {
    assertThat(roundTrip(codec("values"), values)).containsExactly(values);
  }

  @Property
  void nestedRecordsWithListsOfMapsOfEnumsRoundTrip(
      @ForAll("order") Order order, @ForAll("itemLists") List<Item> extra) {
    assertThat(roundTrip(codec("order"), order, extra)).containsExactly(order, extra);
  }

  @Property
  void collectionsRoundTripWithTheirClassAndOrder(@ForAll("collections") Collections c) {
    Collections back = (Collections) roundTrip(codec("collections"), c)[0];
    assertThat(back).isEqualTo(c);
    assertThat(back.list()).isInstanceOf(ArrayList.class);
    assertThat(back.linkedList()).isInstanceOf(LinkedList.class);
    assertThat(back.set()).isInstanceOf(LinkedHashSet.class).containsExactlyElementsOf(c.set());
    assertThat(back.linkedHashSet()).containsExactlyElementsOf(c.linkedHashSet());
    assertThat(back.sortedSet()).isInstanceOf(TreeSet.class);
    assertThat(back.map()).isInstanceOf(LinkedHashMap.class);
    assertThat(back.linkedHashMap().keySet()).containsExactlyElementsOf(c.linkedHashMap().keySet());
    assertThat(back.sortedMap()).isInstanceOf(TreeMap.class);
    assertThat(back.pointKeys()).isInstanceOf(LinkedHashMap.class);
  }

  @Property
  void pojosWithInheritedFieldsRoundTrip(@ForAll("accounts") Account account) {
    Account back = (Account) roundTrip(codec("account"), account)[0];
    assertThat(back).isEqualTo(account);
    assertThat(back.cache).as("transient fields come from the constructor").isNotNull();
  }

  @Property
  void recursiveTypesRoundTrip(@ForAll("nodes") Node node) {
    assertThat(roundTrip(codec("node"), node)).containsExactly(node);
  }

  @Property
  void arraysRoundTripDeeply(
      @ForAll int[] ints,
      @ForAll byte[] bytes,
      @ForAll String[] strings,
      @ForAll double[] doubles,
      @ForAll char[] chars,
      @ForAll boolean[] booleans,
      @ForAll long[][] longs) {
    Point[][] points = {{new Point(1, 2), null}, null, {}};
    List<int[]> intArrays = Arrays.asList(ints, null, new int[0]);
    Object[] args = {ints, bytes, strings, points, doubles, chars, booleans, longs, intArrays};
    Object[] back = roundTrip(codec("arrays"), args);
    assertThat(Arrays.deepEquals(Arrays.copyOf(back, 8), Arrays.copyOf(args, 8))).isTrue();
    assertThat(back[3]).isInstanceOf(Point[][].class);
    @SuppressWarnings("unchecked")
    List<int[]> backArrays = (List<int[]>) back[8];
    assertThat(backArrays).hasSize(3);
    assertThat(backArrays.get(0)).containsExactly(ints);
    assertThat(backArrays.get(1)).isNull();
  }

  @Property
  void genericRecordsBoundByTheParameterTypeRoundTrip(
      @ForAll int x, @ForAll("nullableText") String s) {
    Box<List<Point>> box = new Box<>(List.of(new Point(x, -x)));
    assertThat(roundTrip(codec("box"), box, new Box<>(s))).containsExactly(box, new Box<>(s));
  }

  @Provide
  Arbitrary<String> nullableText() {
    return text().injectNull(0.1);
  }

  @Property
  void resultsRoundTrip(@ForAll("order") Order order) {
    MethodCodec codec = codec("order");
    assertThat(codec.decodeResult(codec.encodeResult(order))).isEqualTo(order);
    assertThat(codec.decodeResult(codec.encodeResult(null))).isNull();
  }

  @Property
  void bytesAreExactlyAvroBinaryOfTheDerivedSchema(@ForAll("order") Order order)
      throws IOException {
    MethodCodec codec = codec("order");
    byte[] ours = codec.encodeArguments(new Object[] {order, List.of()});
    GenericDatumReader<Object> reader = new GenericDatumReader<>(codec.argumentSchema());
    Object generic = reader.read(null, DecoderFactory.get().binaryDecoder(ours, null));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<>(codec.argumentSchema()).write(generic, encoder);
    encoder.flush();
    assertThat(bytes.toByteArray()).isEqualTo(ours);
  }

  @Property(tries = 300)
  void plainValuesReencodeToTheSameBytes(
      @ForAll("order") Order order,
      @ForAll("collections") Collections collections,
      @ForAll("values") Values values,
      @ForAll("scalars") Scalars scalars) {
    Object[][] calls = {
      {"order", order, List.of()},
      {"collections", collections},
      {"values", values},
      {"scalars", scalars, 1, 2.5, 'x', 3L}
    };
    for (Object[] call : calls) {
      MethodCodec codec = codec((String) call[0]);
      byte[] bytes = codec.encodeArguments(Arrays.copyOfRange(call, 1, call.length));
      List<Object> plain = PlainValues.decodeRecord(codec.argumentSchema(), bytes);
      assertThat(PlainValues.encodeRecord(codec.argumentSchema(), plain))
          .as("%s via %s", call[0], plain)
          .isEqualTo(bytes);
    }
  }

  @Property
  void collectionInterfacesNavigablesAndJdkEnumsRoundTripIntoTheirDefaults(
      @ForAll("kinds") Kinds kinds) {
    Kinds back = (Kinds) roundTrip(codec("kinds"), kinds)[0];
    assertThat(back).isEqualTo(kinds);
    assertThat(back.collection()).isInstanceOf(ArrayList.class);
    assertThat(back.points()).isInstanceOf(ArrayList.class);
    assertThat(back.navigableSet()).isInstanceOf(TreeSet.class);
    assertThat(back.navigableMap()).isInstanceOf(TreeMap.class);
    assertThat(back.navigableMap().keySet())
        .containsExactlyElementsOf(kinds.navigableMap().keySet());
  }

  @Property
  void lessCommonValueTypesAndPrimitiveArraysRoundTripLosslessly(
      @ForAll("extras") Extras extras, @ForAll short[] shorts, @ForAll float[] floats) {
    Object[] back = roundTrip(codec("extras"), extras, shorts, floats);
    assertThat(back[0]).isEqualTo(extras);
    assertThat((short[]) back[1]).containsExactly(shorts);
    assertThat(Arrays.equals((float[]) back[2], floats)).isTrue();
  }

  @Example
  void everySupportedKindIsDeclaredByTheRandomRoundTrips() {
    Set<Class<?>> declared = new HashSet<>();
    for (String call : RANDOM_ROUND_TRIPS) {
      for (java.lang.reflect.Type t :
          CodecTesting.method(Fixtures.Calls.class, call).getGenericParameterTypes()) {
        collectTypes(t, declared);
      }
    }
    List<Class<?>> supported = new ArrayList<>();
    for (CollectionKind kind : CollectionKind.values()) {
      supported.add(kind.type());
    }
    supported.addAll(LogicalTypes.types());
    for (Prim p : Prim.values()) {
      supported.add(p.type);
      supported.add(p.box);
      supported.add(p.type.arrayType());
    }
    supported.add(String.class);
    List<String> enums = new ArrayList<>(TransferRules.valueEnumNames());

    assertThat(declared).containsAll(supported);
    assertThat(declared.stream().map(Class::getName)).containsAll(enums);
  }

  /** The fixture methods whose arguments the properties above generate at random. */
  private static final List<String> RANDOM_ROUND_TRIPS =
      List.of(
          "small",
          "scalars",
          "values",
          "order",
          "collections",
          "account",
          "node",
          "arrays",
          "box",
          "extras",
          "kinds");

  /** Every class a declared type mentions: raw types, type arguments, components and fields. */
  private static void collectTypes(java.lang.reflect.Type type, Set<Class<?>> into) {
    if (type instanceof java.lang.reflect.ParameterizedType p) {
      collectTypes(p.getRawType(), into);
      for (java.lang.reflect.Type arg : p.getActualTypeArguments()) {
        collectTypes(arg, into);
      }
    } else if (type instanceof java.lang.reflect.GenericArrayType g) {
      collectTypes(g.getGenericComponentType(), into);
    } else if (type instanceof Class<?> c && into.add(c)) {
      if (c.isArray()) {
        collectTypes(c.getComponentType(), into);
      } else if (c.getEnclosingClass() == Fixtures.class && !c.isEnum()) {
        for (Class<?> k = c; k != Object.class && k != null; k = k.getSuperclass()) {
          for (java.lang.reflect.Field f : k.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
              collectTypes(f.getGenericType(), into);
            }
          }
        }
      }
    }
  }

  @Example
  void lessCommonValueTypesRoundTrip() {
    Map<Character, Short> shorts = new LinkedHashMap<>();
    shorts.put('a', (short) -3);
    shorts.put(null, null);
    Fixtures.Extras extras =
        new Fixtures.Extras(
            java.time.OffsetTime.parse("10:15:30.123456789+05:30"),
            java.time.Year.of(-44),
            java.time.YearMonth.of(2026, 11),
            java.time.MonthDay.of(2, 29),
            ZoneOffset.ofHoursMinutesSeconds(-3, -30, -15),
            java.time.DayOfWeek.WEDNESDAY,
            java.util.concurrent.TimeUnit.MICROSECONDS,
            Arrays.asList('x', null, '\uffff'),
            shorts);
    short[] s = {Short.MIN_VALUE, 0, Short.MAX_VALUE};
    float[] f = {Float.NaN, -0.0f, Float.MIN_VALUE};
    Object[] back = roundTrip(codec("extras"), extras, s, f);
    assertThat(back[0]).isEqualTo(extras);
    assertThat((short[]) back[1]).containsExactly(s);
    assertThat((float[]) back[2]).containsExactly(f);
  }

  @Example
  void instanceMethodsCarryTheReceiverFirst() throws NoSuchMethodException {
    MethodCodec codec =
        CodecTesting.CODEC.forMethod(Counter.class.getDeclaredMethod("add", int.class));
    assertThat(codec.argumentSchema().getFields().get(0).name()).isEqualTo("receiver");
    assertThat(roundTrip(codec, new Counter(3), 4)).containsExactly(new Counter(3), 4);
    assertThat(codec.decodeResult(codec.encodeResult(7))).isEqualTo(7);
  }

  @Example
  void supplementaryCharactersSurvive() {
    Small small = new Small(1, 2L, "naïve \uD83D\uDE00 日本", 0.5, Color.GREEN);
    assertThat(roundTrip(codec("small"), small)).containsExactly(small);
  }

  @Example
  void voidResultIsAnEmptyRecord() {
    MethodCodec codec = codec("arrays");
    assertThat(codec.resultSchema().getFields()).isEmpty();
    assertThat(codec.encodeResult(null)).isEmpty();
    assertThat(codec.decodeResult(new byte[0])).isNull();
  }
}
