package dev.farcall.heuristics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** Trip counts read from javac's bytecode ({@link LoopShapes}) and from a bottom-tested loop. */
class LoopBoundsTests {

  private static MethodNode method(String name) {
    try (InputStream in = LoopShapes.class.getResourceAsStream("LoopShapes.class")) {
      ClassNode node = new ClassNode();
      new ClassReader(in.readAllBytes())
          .accept(node, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
      return node.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The largest weight any instruction of the body has, and its loops of unknown count. */
  private static double heaviest(LoopBounds loops) {
    double max = 0;
    for (double known : loops.knownIterations) {
      max = Math.max(max, known);
    }
    return max;
  }

  private static int mostUnknown(LoopBounds loops) {
    int max = 0;
    for (int unknown : loops.unknownLoops) {
      max = Math.max(max, unknown);
    }
    return max;
  }

  @ParameterizedTest(name = "{0}: {1} iterations known, {2} loops unknown")
  @CsvSource({
    "constant,             1000, 0",
    "offsetFromParameter,  2000, 0",
    "nested,                200, 0",
    "downwardByTwo,          50, 0",
    "inclusive,              64, 0",
    "parameterBound,          1, 1",
    "withBreak,               1, 1",
    "collatz,                 1, 1",
    "collatzBlock,         2000, 1",
    "boundWrittenInside,      1, 1",
  })
  void tripCountsAreReadFromTheCodeOrMarkedUnknown(String name, double known, int unknown) {
    LoopBounds loops = LoopBounds.of(method(name));

    assertThat(heaviest(loops)).isEqualTo(known);
    assertThat(mostUnknown(loops)).isEqualTo(unknown);
  }

  @Test
  void aConstantLoopCountsItsBodyThatManyTimes() {
    MethodNode constant = method("constant");
    List<Double> executions = LoopBounds.of(constant).executionsByUnknownLoops();

    assertThat(executions).hasSize(1);
    // the body and test (about 8 instructions) 1000 times, plus a few outside
    assertThat(executions.get(0)).isBetween(5_000.0, 10_000.0);
  }

  @Test
  void aCallInsideNestedConstantLoopsRunsTheProductOfTheirCounts() {
    MethodNode nested = method("nested");
    LoopBounds loops = LoopBounds.of(nested);
    int call = -1;
    AbstractInsnNode[] insns = nested.instructions.toArray();
    for (int i = 0; i < insns.length; i++) {
      if (insns[i] instanceof MethodInsnNode m && m.name.equals("tiny")) {
        call = i;
      }
    }

    assertThat(loops.knownIterations[call]).isEqualTo(200);
    assertThat(loops.unknownLoops[call]).isZero();
    assertThat(loops.depth[call]).isEqualTo(2);
  }

  @Test
  void aLoopTestedAtTheBottomIsCountedToo() {
    // int i = 0; goto test; body: i++ ... test: if (i < 500) goto body; return i
    MethodNode method = new MethodNode(Opcodes.ACC_STATIC, "bottom", "()I", null, null);
    Label body = new Label();
    Label test = new Label();
    method.visitInsn(Opcodes.ICONST_0);
    method.visitVarInsn(Opcodes.ISTORE, 0);
    method.visitJumpInsn(Opcodes.GOTO, test);
    method.visitLabel(body);
    method.visitIincInsn(0, 1);
    method.visitLabel(test);
    method.visitVarInsn(Opcodes.ILOAD, 0);
    method.visitIntInsn(Opcodes.SIPUSH, 500);
    method.visitJumpInsn(Opcodes.IF_ICMPLT, body);
    method.visitVarInsn(Opcodes.ILOAD, 0);
    method.visitInsn(Opcodes.IRETURN);

    LoopBounds loops = LoopBounds.of(method);

    assertThat(heaviest(loops)).isEqualTo(500);
    assertThat(mostUnknown(loops)).isZero();
  }
}
