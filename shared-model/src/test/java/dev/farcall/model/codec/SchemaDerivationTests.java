package dev.farcall.model.codec;

import static dev.farcall.model.codec.CodecTesting.codec;
import static dev.farcall.model.codec.CodecTesting.method;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class SchemaDerivationTests {

  private static Schema nonNull(Schema union) {
    assertThat(union.getType()).isEqualTo(Schema.Type.UNION);
    assertThat(union.getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
    return union.getTypes().get(1);
  }

  @Test
  void recordFieldsKeepDeclarationOrderNotAlphabetical() {
    Schema small = nonNull(codec("small").argumentSchema().getField("small").schema());
    assertThat(PlainWriter.fieldNames(small))
        .containsExactly("id", "stamp", "label", "score", "color");
  }

  @Test
  void argumentFieldsAreTheParametersInOrderWithNullableReferences() {
    Schema args = codec("scalars").argumentSchema();
    assertThat(PlainWriter.fieldNames(args)).containsExactly("scalars", "i", "d", "c", "boxed");
    assertThat(args.getField("i").schema().getType()).isEqualTo(Schema.Type.INT);
    assertThat(args.getField("c").schema().getProp("farcall.type")).isEqualTo("char");
    assertThat(nonNull(args.getField("boxed").schema()).getType()).isEqualTo(Schema.Type.LONG);
  }

  @Test
  void nestedClassNamesAreMangledIntoValidUniqueAvroNames() {
    Schema small = nonNull(codec("small").argumentSchema().getField("small").schema());
    assertThat(small.getFullName()).isEqualTo("dev.farcall.model.codec.Fixtures_0024Small");
    Schema box = codec("box").argumentSchema();
    String listBox = nonNull(box.getField("box").schema()).getFullName();
    String stringBox = nonNull(box.getField("named").schema()).getFullName();
    assertThat(listBox).isNotEqualTo(stringBox);
    assertThat(new Schema.Parser().parse(box.toString())).isEqualTo(box);
  }

  @Test
  void jdkValueTypesAreTaggedStrings() {
    Schema values = nonNull(codec("values").argumentSchema().getField("values").schema());
    Schema date = nonNull(values.getField("date").schema());
    assertThat(date.getType()).isEqualTo(Schema.Type.STRING);
    assertThat(date.getProp("farcall.type")).isEqualTo("java.time.LocalDate");
  }

  @Test
  void mapsAreArraysOfKeyValueRecords() {
    Schema order = nonNull(codec("order").argumentSchema().getField("order").schema());
    Schema counts = nonNull(order.getField("counts").schema());
    assertThat(counts.getType()).isEqualTo(Schema.Type.ARRAY);
    assertThat(counts.getProp("farcall.type")).isEqualTo("map");
    assertThat(PlainWriter.fieldNames(counts.getElementType())).containsExactly("key", "value");
  }

  @Test
  void recursiveTypesHaveAFiniteSchemaThatParsesBack() {
    Schema args = codec("node").argumentSchema();
    Schema node = nonNull(args.getField("node").schema());
    assertThat(nonNull(node.getField("next").schema())).isSameAs(node);
    Schema parsed = new Schema.Parser().parse(args.toString());
    assertThat(SchemaNormalization.parsingFingerprint64(parsed))
        .isEqualTo(codec("node").argumentFingerprint());
  }

  @Test
  void fingerprintsAreStableAcrossCodecInstancesAndDifferBetweenSignatures() {
    ArgumentCodec other = new ArgumentCodec(getClass().getClassLoader());
    MethodCodec again = other.forMethod(method(Fixtures.Calls.class, "order"));
    assertThat(again.argumentFingerprint()).isEqualTo(codec("order").argumentFingerprint());
    assertThat(again.argumentFingerprint())
        .isEqualTo(SchemaNormalization.parsingFingerprint64(again.argumentSchema()))
        .isNotEqualTo(codec("small").argumentFingerprint());
  }

  @Test
  void codecsAreCachedPerMethod() {
    assertThat(codec("order")).isSameAs(codec("order"));
  }

  @Test
  void theResultRecordHasASingleValueField() {
    Schema result = codec("result").resultSchema();
    assertThat(PlainWriter.fieldNames(result)).containsExactly("value");
    assertThat(nonNull(result.getField("value").schema()).getType()).isEqualTo(Schema.Type.ARRAY);
  }
}
