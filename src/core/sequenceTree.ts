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
  readonly size: number;
  readonly maxKey: number;
}

interface Branch<V> {
  readonly leaf: false;
  readonly children: readonly Node<V>[];
  /** Entries below this node, for routing by position. */
  readonly size: number;
  /** Largest key below this node, for routing by key. */
  readonly maxKey: number;
}

type Node<V> = Leaf<V> | Branch<V>;

const EMPTY_LEAF: Leaf<never> = Object.freeze({ leaf: true, keys: [], values: [], size: 0, maxKey: -Infinity }) as Leaf<never>;

function makeLeaf<V>(keys: number[], values: V[]): Leaf<V> {
  return { leaf: true, keys, values, size: keys.length, maxKey: keys[keys.length - 1] ?? -Infinity };
}

function makeBranch<V>(children: Node<V>[]): Branch<V> {
  let size = 0;
  for (const child of children) size += child.size;
  return { leaf: false, children, size, maxKey: children[children.length - 1]?.maxKey ?? -Infinity };
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

/** Index of the first child whose largest key is >= key, or the last child. */
function childFor<V>(children: readonly Node<V>[], key: number): number {
  let low = 0;
  let high = children.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((children[mid] as Node<V>).maxKey < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where to split an overfull node: appends split unevenly so that nodes fill up when messages arrive in order. */
function splitPoint(length: number, insertedAt: number): number {
  return insertedAt === length - 1 ? length - 1 : length >>> 1;
}

/** Inserts or replaces; returns the new node(s) (two after a split), or null when nothing changed. */
function insert<V>(node: Node<V>, key: number, value: V): Node<V>[] | null {
  if (node.leaf) {
    const index = lowerBound(node.keys, key);
    if (node.keys[index] === key) {
      if (node.values[index] === value) return null;
      const values = node.values.slice();
      values[index] = value;
      return [{ ...node, values }];
    }
    const keys = node.keys.slice();
    const values = node.values.slice();
    keys.splice(index, 0, key);
    values.splice(index, 0, value);
    if (keys.length <= MAX_NODE) return [makeLeaf(keys, values)];
    const cut = splitPoint(keys.length, index);
    return [makeLeaf(keys.slice(0, cut), values.slice(0, cut)), makeLeaf(keys.slice(cut), values.slice(cut))];
  }
  const childIndex = childFor(node.children, key);
  const replaced = insert(node.children[childIndex] as Node<V>, key, value);
  if (!replaced) return null;
  const children = node.children.slice();
  children.splice(childIndex, 1, ...replaced);
  if (children.length <= MAX_NODE) return [makeBranch(children)];
  const cut = splitPoint(children.length, childIndex + replaced.length - 1);
  return [makeBranch(children.slice(0, cut)), makeBranch(children.slice(cut))];
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
    if (key > this.root.maxKey) return undefined;
    let node = this.root;
    while (!node.leaf) node = node.children[childFor(node.children, key)] as Node<V>;
    const index = lowerBound(node.keys, key);
    return node.keys[index] === key ? node.values[index] : undefined;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** A tree with `value` at `key` (inserted or replaced). Returns `this` when nothing changes. O(log n). */
  set(key: number, value: V): SequenceTree<V> {
    const nodes = insert(this.root, key, value);
    if (!nodes) return this;
    const root = nodes.length === 1 ? (nodes[0] as Node<V>) : makeBranch(nodes);
    return new SequenceTree(root, root.size);
  }

  /** The entry at position `index` (0 = smallest key). O(log n). */
  entryAt(index: number): readonly [number, V] | undefined {
    if (index < 0 || index >= this.size) return undefined;
    let node = this.root;
    let offset = index;
    while (!node.leaf) {
      let child = 0;
      while (offset >= (node.children[child] as Node<V>).size) {
        offset -= (node.children[child] as Node<V>).size;
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
    if (key > this.root.maxKey) return this.size;
    let node = this.root;
    let before = 0;
    while (!node.leaf) {
      const index = childFor(node.children, key);
      for (let i = 0; i < index; i++) before += (node.children[i] as Node<V>).size;
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
    return this.size === 0 ? undefined : this.root.maxKey;
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
