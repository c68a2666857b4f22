package dev.farcall.model.codec;

import static dev.farcall.model.codec.CodecTesting.CODEC;
import static dev.farcall.model.codec.CodecTesting.codec;
import static dev.farcall.model.codec.CodecTesting.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.model.codec.Fixtures.Animal;
import dev.farcall.model.codec.Fixtures.Calls;
import dev.farcall.model.codec.Fixtures.Dog;
import dev.farcall.model.codec.Fixtures.Node;
import java.util.Comparator;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotTransferableTests {

  @ParameterizedTest(name = "{0}({1}) is refused: {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "object|value|java.lang.Object|says nothing",
        "shape|shape|dev.farcall.model.codec.Fixtures$Shape|an interface",
        "abstractShape|shape|dev.farcall.model.codec.Fixtures$AbstractShape|an abstract class",
        "thread|thread|java.lang.Thread|a thread",
        "stream|stream|java.util.stream.Stream|a stream",
        "function|function|java.util.function.Function|functional interface",
        "input|input|java.io.InputStream|I/O resource",
        "file|file|java.io.File|local to this machine",
        "wildcard|values|?|unbounded wildcard",
        "objects|values|java.lang.Object|says nothing",
        "raw|values|java.util.List|raw collection",
        "typeVariable|value|T|type variable",
        "optional|value|java.util.Optional|Optional is not supported",
        "type|type|java.lang.Class|class loaders",
        "noDefaultConstructor|value|dev.farcall.model.codec.Fixtures$NoDefaultConstructor|no-arg"
            + " constructor",
        "inner|inner|dev.farcall.model.codec.Fixtures$Inner|enclosing instance",
      })
  void unsupportedParameterTypesAreRefusedNamingMethodParameterAndType(
      String methodName, String parameter, String type, String reason) {
    assertThatThrownBy(() -> CODEC.checkTransferable(method(Calls.class, methodName)))
        .isInstanceOfSatisfying(
            NotTransferableException.class,
            e -> {
              assertThat(e.method()).contains("Fixtures$Calls#" + methodName + "(");
              assertThat(e.parameter()).isEqualTo(parameter);
              assertThat(e.type()).isEqualTo(type);
              assertThat(e.reason()).contains(reason);
              assertThat(e.getMessage()).contains(methodName).contains(parameter);
            });
  }

  @Test
  void aNestedUnsupportedTypeIsNamedWithItsPath() {
    assertThatThrownBy(() -> codec("nested"))
        .isInstanceOfSatisfying(
            NotTransferableException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo("holder");
              assertThat(e.type()).isEqualTo("java.lang.Thread");
              assertThat(e.reason()).contains("(at holder.threads[])");
            });
  }

  @Test
  void refusalsAreCachedButReportedEveryTime() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> codec("thread")).isInstanceOf(NotTransferableException.class);
    }
  }

  @Test
  void aCyclicGraphIsRefusedAtRunTime() {
    Node a = new Node(1, null);
    Node b = new Node(2, a);
    a.next = b;
    assertThatThrownBy(() -> codec("node").encodeArguments(new Object[] {a}))
        .isInstanceOfSatisfying(
            NotTransferableException.class,
            e -> {
              assertThat(e.method()).contains("#node(");
              assertThat(e.parameter()).isEqualTo("node");
              assertThat(e.reason()).contains("cycle");
            });
  }

  @Test
  void aSharedButAcyclicValueIsCopied() {
    Fixtures.Point p = new Fixtures.Point(1, 2);
    Fixtures.Point[][] points = {{p, p}, {p}};
    Object[] args = {null, null, null, points, null, null, null, null, null};
    Object[] back = CodecTesting.roundTrip(codec("arrays"), args);
    assertThat(java.util.Arrays.deepEquals((Object[]) back[3], points)).isTrue();
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedWhenEncoding() {
    Node head = null;
    for (int i = 0; i < 300; i++) {
      head = new Node(i, head);
    }
    Object[] args = {head};
    assertThatThrownBy(() -> codec("node").encodeArguments(args))
        .isInstanceOf(NotTransferableException.class)
        .hasMessageContaining("nested deeper than 256");
  }

  @Test
  void aSubclassOfADeclaredClassIsRefusedRatherThanSliced() {
    MethodCodec codec = codec("animal");
    Animal plain = new Animal();
    plain.name = "cat";
    assertThat(CodecTesting.roundTrip(codec, plain)[0]).isInstanceOf(Animal.class);
    assertThatThrownBy(() -> codec.encodeArguments(new Object[] {new Dog()}))
        .isInstanceOf(NotTransferableException.class)
        .hasMessageContaining("Fixtures$Dog");
  }

  @Test
  void aSortedSetWithACustomComparatorIsRefused() {
    TreeSet<String> set = new TreeSet<>(Comparator.reverseOrder());
    set.add("a");
    assertThatThrownBy(() -> codec("sorted").encodeArguments(new Object[] {set}))
        .isInstanceOf(NotTransferableException.class)
        .hasMessageContaining("comparator");
  }

  @Test
  void aValueOfTheWrongTypeIsAnIllegalArgument() {
    assertThatThrownBy(() -> codec("small").encodeArguments(new Object[] {"not a record"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("small");
  }

  @Test
  void classesOfAnotherLoaderAreNotTrusted() {
    ArgumentCodec other = new ArgumentCodec(new ClassLoader(null) {});
    assertThatThrownBy(() -> other.forMethod(method(Calls.class, "small")))
        .isInstanceOf(NotTransferableException.class)
        .hasMessageContaining("not loaded by the program's class loader");
  }
}
