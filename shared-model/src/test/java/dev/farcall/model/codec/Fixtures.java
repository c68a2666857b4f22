package dev.farcall.model.codec;

import java.io.File;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/** Program-like types and methods the codec tests work on (nested, so names contain '$'). */
final class Fixtures {

  private Fixtures() {}

  enum Color {
    RED,
    GREEN,
    BLUE
  }

  record Small(int id, long stamp, String label, double score, Color color) {}

  record Item(String sku, BigDecimal price, int quantity, List<Color> colors) {}

  record Order(
      UUID id,
      List<Item> items,
      Map<String, List<Color>> tags,
      Map<Color, Integer> counts,
      LocalDate due,
      Item gift) {}

  record Scalars(
      boolean z,
      byte b,
      short s,
      char c,
      int i,
      long l,
      float f,
      double d,
      Boolean bz,
      Byte bb,
      Short bs,
      Character bc,
      Integer bi,
      Long bl,
      Float bf,
      Double bd,
      String text) {}

  record Values(
      UUID uuid,
      BigDecimal decimal,
      BigInteger integer,
      Instant instant,
      LocalDate date,
      LocalTime time,
      LocalDateTime dateTime,
      OffsetDateTime offsetDateTime,
      ZonedDateTime zonedDateTime,
      Duration duration,
      Period period,
      ZoneId zone) {}

  record Point(int x, int y) {}

  record Collections(
      List<String> list,
      ArrayList<Integer> arrayList,
      LinkedList<Long> linkedList,
      Set<String> set,
      HashSet<Integer> hashSet,
      LinkedHashSet<String> linkedHashSet,
      SortedSet<String> sortedSet,
      TreeSet<Integer> treeSet,
      Map<String, Integer> map,
      HashMap<Integer, String> hashMap,
      LinkedHashMap<String, Point> linkedHashMap,
      SortedMap<String, Color> sortedMap,
      TreeMap<Long, List<String>> treeMap,
      Map<Point, Color> pointKeys) {}

  record Box<T>(T value) {}

  record Extras(
      java.time.OffsetTime offsetTime,
      java.time.Year year,
      java.time.YearMonth yearMonth,
      java.time.MonthDay monthDay,
      java.time.ZoneOffset offset,
      java.time.DayOfWeek day,
      java.util.concurrent.TimeUnit unit,
      List<Character> chars,
      Map<Character, Short> shorts) {}

  /**
   * The collection kinds and JDK enums no other fixture declares: decoding builds the codec's
   * default for each interface ({@code ArrayList}, {@code TreeSet}, {@code TreeMap}).
   */
  record Kinds(
      Collection<String> collection,
      NavigableSet<Long> navigableSet,
      NavigableMap<String, Integer> navigableMap,
      Collection<Point> points,
      java.time.Month month,
      java.time.temporal.ChronoUnit chronoUnit,
      java.math.RoundingMode rounding) {}

  /** A POJO with an inherited field, a private one, a final one and a transient one. */
  static class Base {
    protected long id;
  }

  static final class Account extends Base {
    private String owner;
    final List<Point> points = new ArrayList<>();
    int[] history;
    transient Object cache = new Object();

    Account() {}

    Account(long id, String owner, List<Point> points, int[] history) {
      this.id = id;
      this.owner = owner;
      this.points.addAll(points);
      this.history = history;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Account a
          && a.id == id
          && Objects.equals(a.owner, owner)
          && a.points.equals(points)
          && Arrays.equals(a.history, history);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, owner, points);
    }

    @Override
    public String toString() {
      return "Account[" + id + ", " + owner + ", " + points + ", " + Arrays.toString(history) + "]";
    }
  }

  /** A recursive type: a singly linked list. */
  static final class Node {
    int value;
    Node next;

    Node() {}

    Node(int value, Node next) {
      this.value = value;
      this.next = next;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Node n && n.value == value && Objects.equals(n.next, next);
    }

    @Override
    public int hashCode() {
      return Objects.hash(value, next);
    }
  }

  static class Animal {
    String name;
  }

  static final class Dog extends Animal {
    boolean good;
  }

  static final class NoDefaultConstructor {
    final int x;

    NoDefaultConstructor(int x) {
      this.x = x;
    }
  }

  class Inner {
    int x;
  }

  interface Shape {
    double area();

    double perimeter();
  }

  abstract static class AbstractShape {
    int sides;
  }

  record Holder(List<Thread> threads) {}

  /** Instance methods get a receiver field first. */
  static final class Counter {
    int count;

    Counter() {}

    Counter(int count) {
      this.count = count;
    }

    int add(int delta) {
      return count + delta;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Counter c && c.count == count;
    }

    @Override
    public int hashCode() {
      return count;
    }
  }

  /** A record whose compact constructor checks what it is given, on the receiving side too. */
  record Percent(int value, byte level, char mark) {
    Percent {
      if (value < 0 || value > 100) {
        throw new IllegalArgumentException("percent out of range: " + value);
      }
    }
  }

  /** Static methods whose signatures the tests use. */
  static final class Calls {
    static void percent(Percent percent) {}

    static Order order(Order order, List<Item> extra) {
      return order;
    }

    static Small small(Small small) {
      return small;
    }

    static Scalars scalars(Scalars scalars, int i, double d, char c, Long boxed) {
      return scalars;
    }

    static Values values(Values values) {
      return values;
    }

    static Collections collections(Collections c) {
      return c;
    }

    static Account account(Account account) {
      return account;
    }

    static Node node(Node node) {
      return node;
    }

    static void arrays(
        int[] ints,
        byte[] bytes,
        String[] strings,
        Point[][] points,
        double[] doubles,
        char[] chars,
        boolean[] booleans,
        long[][] longs,
        List<int[]> intArrays) {}

    static Box<List<Point>> box(Box<List<Point>> box, Box<String> named) {
      return box;
    }

    static <T extends Comparable<T>> void typeVariable(T value) {}

    static void object(Object value) {}

    static void shape(Shape shape) {}

    static void abstractShape(AbstractShape shape) {}

    static void thread(Thread thread) {}

    static void stream(Stream<String> stream) {}

    static void function(Function<String, Integer> function) {}

    static void input(InputStream input) {}

    static void file(File file) {}

    static void wildcard(List<?> values) {}

    static void objects(List<Object> values) {}

    @SuppressWarnings("rawtypes")
    static void raw(List values) {}

    static void optional(Optional<String> value) {}

    static void type(Class<?> type) {}

    static void nested(Holder holder) {}

    static void noDefaultConstructor(NoDefaultConstructor value) {}

    static void inner(Inner inner) {}

    static void animal(Animal animal) {}

    static void sorted(SortedSet<String> set) {}

    static Extras extras(Extras extras, short[] shorts, float[] floats) {
      return extras;
    }

    static Kinds kinds(Kinds kinds) {
      return kinds;
    }

    static int[] result() {
      return null;
    }
  }
}
