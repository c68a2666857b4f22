/**
 * The argument/result codec: one Avro record schema per method signature, derived from its generic
 * types, and a tree of small per-type codec nodes that write and read exactly Avro binary for that
 * schema without Avro reflection on the hot path.
 *
 * <p>Entry points: {@link dev.farcall.model.codec.ArgumentCodec} (per program class loader: which
 * signatures can travel, and their {@link dev.farcall.model.codec.MethodCodec}s) and {@link
 * dev.farcall.model.codec.PlainValues} (JSON-like values to and from the same bytes, for the
 * coordinator, without program classes). Representations of JDK value types are defined once, in
 * {@code LogicalTypes}, and advertised in the schemas through {@code farcall.type} properties.
 * Decoding untrusted bytes is bounded by {@link dev.farcall.model.codec.DecodeLimits}.
 */
package dev.farcall.model.codec;
