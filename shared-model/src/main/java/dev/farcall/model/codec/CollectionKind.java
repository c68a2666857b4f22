package dev.farcall.model.codec;

import java.util.ArrayList;
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
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The supported collection types and what decoding builds for each: the declared class itself when
 * it is concrete, otherwise an order-preserving default ({@code List}/{@code Collection} → {@code
 * ArrayList}, {@code Set} → {@code LinkedHashSet}, {@code SortedSet} → {@code TreeSet}, {@code Map}
 * → {@code LinkedHashMap}, {@code SortedMap} → {@code TreeMap}).
 */
enum CollectionKind {
  COLLECTION(Collection.class, false, false, false),
  LIST(List.class, false, false, false),
  ARRAY_LIST(ArrayList.class, false, false, true),
  LINKED_LIST(LinkedList.class, false, false, true),
  SET(Set.class, false, false, false),
  HASH_SET(HashSet.class, false, false, true),
  LINKED_HASH_SET(LinkedHashSet.class, false, false, true),
  SORTED_SET(SortedSet.class, false, true, false),
  NAVIGABLE_SET(NavigableSet.class, false, true, false),
  TREE_SET(TreeSet.class, false, true, true),
  MAP(Map.class, true, false, false),
  HASH_MAP(HashMap.class, true, false, true),
  LINKED_HASH_MAP(LinkedHashMap.class, true, false, true),
  SORTED_MAP(SortedMap.class, true, true, false),
  NAVIGABLE_MAP(NavigableMap.class, true, true, false),
  TREE_MAP(TreeMap.class, true, true, true);

  private final Class<?> type;
  private final boolean map;
  private final boolean sorted;
  private final boolean concrete;

  CollectionKind(Class<?> type, boolean map, boolean sorted, boolean concrete) {
    this.type = type;
    this.map = map;
    this.sorted = sorted;
    this.concrete = concrete;
  }

  static CollectionKind of(Class<?> c) {
    for (CollectionKind k : values()) {
      if (k.type == c) {
        return k;
      }
    }
    return null;
  }

  /** The declared collection or map type this kind stands for. */
  Class<?> type() {
    return type;
  }

  boolean map() {
    return map;
  }

  boolean sorted() {
    return sorted;
  }

  /** The class every value must have exactly, or null when any implementation will do. */
  Class<?> exactClass() {
    return concrete ? type : null;
  }

  private static int hashCapacity(int items) {
    return (int) (items / 0.75f) + 1;
  }

  Collection<Object> newCollection(int expected) {
    return switch (this) {
      case COLLECTION, LIST, ARRAY_LIST -> new ArrayList<>(expected);
      case LINKED_LIST -> new LinkedList<>();
      case HASH_SET -> new HashSet<>(hashCapacity(expected));
      case SET, LINKED_HASH_SET -> new LinkedHashSet<>(hashCapacity(expected));
      case SORTED_SET, NAVIGABLE_SET, TREE_SET -> new TreeSet<>();
      default -> throw new IllegalStateException(this + " is a map");
    };
  }

  Map<Object, Object> newMap(int expected) {
    return switch (this) {
      case HASH_MAP -> new HashMap<>(hashCapacity(expected));
      case MAP, LINKED_HASH_MAP -> new LinkedHashMap<>(hashCapacity(expected));
      case SORTED_MAP, NAVIGABLE_MAP, TREE_MAP -> new TreeMap<>();
      default -> throw new IllegalStateException(this + " is not a map");
    };
  }
}
