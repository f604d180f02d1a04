/**
 * A persistent (immutable, structure-sharing) B+tree keyed by sequence number, with subtree sizes
 * so that position lookups are as cheap as key lookups.
 *
 * Why not an array: a room of n messages would be copied on every incoming message (O(n)), and
 * every subscriber would see a new array. Here an insert or replace copies only the path from the
 * root to one leaf (O(log n), at most 32 entries a node), every untouched message keeps its
 * identity, and `at(i)` serves a virtualized list without materialising the room.
 */

const MAX_NODE = 32;

interface Leaf<V> {
  readonly leaf: true;
  readonly keys: readonly number[];
  readonly values: readonly V[];
}

interface Branch<V> {
  readonly leaf: false;
  readonly children: readonly Node<V>[];
  /** Largest key in each child, for routing by key. */
  readonly maxKeys: readonly number[];
  /** Number of entries in each child, for routing by position. */
  readonly sizes: readonly number[];
}

type Node<V> = Leaf<V> | Branch<V>;

const EMPTY_LEAF: Leaf<never> = Object.freeze({ leaf: true, keys: [], values: [] }) as Leaf<never>;

function nodeSize<V>(node: Node<V>): number {
  if (node.leaf) return node.keys.length;
  let total = 0;
  for (const size of node.sizes) total += size;
  return total;
}

function nodeMaxKey<V>(node: Node<V>): number {
  return node.leaf ? (node.keys[node.keys.length - 1] ?? -Infinity) : (node.maxKeys[node.maxKeys.length - 1] ?? -Infinity);
}

/** Index of the first element >= key in a sorted array (binary search). */
function lowerBound(sorted: readonly number[], key: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

function makeBranch<V>(children: Node<V>[]): Branch<V> {
  return { leaf: false, children, maxKeys: children.map(nodeMaxKey), sizes: children.map(nodeSize) };
}

function splitInHalf<T>(items: readonly T[]): [T[], T[]] {
  const middle = items.length >>> 1;
  return [items.slice(0, middle), items.slice(middle)];
}

/** Inserts or replaces; returns the new node(s) (two after a split) and whether the size grew. */
function insert<V>(node: Node<V>, key: number, value: V): { nodes: Node<V>[]; grew: boolean; same: boolean } {
  if (node.leaf) {
    const index = lowerBound(node.keys, key);
    if (node.keys[index] === key) {
      if (node.values[index] === value) return { nodes: [node], grew: false, same: true };
      const values = node.values.slice();
      values[index] = value;
      return { nodes: [{ leaf: true, keys: node.keys, values }], grew: false, same: false };
    }
    const keys = node.keys.slice();
    const values = node.values.slice();
    keys.splice(index, 0, key);
    values.splice(index, 0, value);
    if (keys.length <= MAX_NODE) return { nodes: [{ leaf: true, keys, values }], grew: true, same: false };
    // Appending at the end (the common case) splits unevenly so leaves stay full.
    const cut = index === keys.length - 1 ? keys.length - 1 : keys.length >>> 1;
    return {
      nodes: [
        { leaf: true, keys: keys.slice(0, cut), values: values.slice(0, cut) },
        { leaf: true, keys: keys.slice(cut), values: values.slice(cut) },
      ],
      grew: true,
      same: false,
    };
  }
  let childIndex = lowerBound(node.maxKeys, key);
  if (childIndex >= node.children.length) childIndex = node.children.length - 1;
  const result = insert(node.children[childIndex] as Node<V>, key, value);
  if (result.same) return { nodes: [node], grew: false, same: true };
  const children = node.children.slice();
  const maxKeys = node.maxKeys.slice();
  const sizes = node.sizes.slice();
  children.splice(childIndex, 1, ...result.nodes);
  maxKeys.splice(childIndex, 1, ...result.nodes.map(nodeMaxKey));
  sizes.splice(childIndex, 1, ...result.nodes.map(nodeSize));
  if (children.length <= MAX_NODE) return { nodes: [{ leaf: false, children, maxKeys, sizes }], grew: result.grew, same: false };
  const appending = childIndex + result.nodes.length === children.length;
  const cut = appending ? children.length - 1 : children.length >>> 1;
  const [left, right] = appending ? [children.slice(0, cut), children.slice(cut)] : splitInHalf(children);
  return { nodes: [makeBranch(left), makeBranch(right)], grew: result.grew, same: false };
}

/**
 * An immutable sorted map from sequence number to value. Every "write" returns a new tree sharing
 * all untouched nodes with the old one.
 *
 * @example
 * let tree = SequenceTree.empty<Message>();
 * tree = tree.set(message.sequence, message);
 * tree.at(0); // the oldest message
 * tree.get(42); // the message with sequence 42, if held
 */
export class SequenceTree<V> {
  private static readonly EMPTY = new SequenceTree<never>(EMPTY_LEAF, 0);

  private constructor(
    private readonly root: Node<V>,
    /** Number of entries. */
    readonly size: number,
  ) {}

  static empty<V>(): SequenceTree<V> {
    return SequenceTree.EMPTY as SequenceTree<V>;
  }

  /** Builds a tree from entries in any order (later duplicates win). */
  static from<V>(entries: Iterable<readonly [number, V]>): SequenceTree<V> {
    let tree = SequenceTree.empty<V>();
    for (const [key, value] of entries) tree = tree.set(key, value);
    return tree;
  }

  /** The value at `key`, if held. O(log n). */
  get(key: number): V | undefined {
    let node = this.root;
    while (!node.leaf) {
      const index = lowerBound(node.maxKeys, key);
      if (index >= node.children.length) return undefined;
      node = node.children[index] as Node<V>;
    }
    const index = lowerBound(node.keys, key);
    return node.keys[index] === key ? node.values[index] : undefined;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** A tree with `value` at `key` (inserted or replaced). Returns `this` when nothing changes. O(log n). */
  set(key: number, value: V): SequenceTree<V> {
    const { nodes, grew, same } = insert(this.root, key, value);
    if (same) return this;
    const root = nodes.length === 1 ? (nodes[0] as Node<V>) : makeBranch(nodes);
    return new SequenceTree(root, grew ? this.size + 1 : this.size);
  }

  /** The entry at position `index` (0 = smallest key). O(log n). */
  entryAt(index: number): readonly [number, V] | undefined {
    if (index < 0 || index >= this.size) return undefined;
    let node = this.root;
    let offset = index;
    while (!node.leaf) {
      let child = 0;
      while (offset >= (node.sizes[child] as number)) {
        offset -= node.sizes[child] as number;
        child++;
      }
      node = node.children[child] as Node<V>;
    }
    return [node.keys[offset] as number, node.values[offset] as V];
  }

  /** The value at position `index` (0 = smallest key). O(log n). */
  at(index: number): V | undefined {
    return this.entryAt(index)?.[1];
  }

  /** How many keys are smaller than `key`: its position if held, else where it would go. O(log n). */
  rank(key: number): number {
    let node = this.root;
    let before = 0;
    while (!node.leaf) {
      const index = lowerBound(node.maxKeys, key);
      if (index >= node.children.length) return this.size;
      for (let i = 0; i < index; i++) before += node.sizes[i] as number;
      node = node.children[index] as Node<V>;
    }
    return before + lowerBound(node.keys, key);
  }

  /** Smallest key, or undefined when empty. */
  firstKey(): number | undefined {
    return this.entryAt(0)?.[0];
  }

  /** Largest key, or undefined when empty. */
  lastKey(): number | undefined {
    return this.size === 0 ? undefined : nodeMaxKey(this.root);
  }

  /** Values in key order. */
  *values(): IterableIterator<V> {
    yield* walk(this.root);
  }

  /** Values with from <= key <= to, in key order. O(log n + k). */
  *range(from: number, to: number): IterableIterator<V> {
    for (let index = this.rank(from); index < this.size; index++) {
      const entry = this.entryAt(index) as readonly [number, V];
      if (entry[0] > to) return;
      yield entry[1];
    }
  }

  /** All values in key order as a new array. O(n): for tests and small trees, not hot paths. */
  toArray(): V[] {
    return [...this.values()];
  }
}

function* walk<V>(node: Node<V>): IterableIterator<V> {
  if (node.leaf) yield* node.values;
  else for (const child of node.children) yield* walk(child);
}
