// A k-d tree over a row-major Float32Array for exact nearest-neighbour queries in low dimensions.

/**
 * Flat k-d tree. Node `t` covers `order[start[t] .. end[t])`; an inner node splits on dimension
 * `splitDim[t]` at `splitValue[t]` into children `left[t]` and `right[t]`; a leaf has splitDim -1.
 * `data` holds the points (numPoints × dims, row-major) in their original order; `ordered` the
 * same points in tree order (row r is point order[r]), so that a leaf's points lie together in
 * memory.
 */
export interface KdTree {
  data: Float32Array;
  ordered: Float32Array;
  dims: number;
  order: Int32Array;
  start: Int32Array;
  end: Int32Array;
  splitDim: Int32Array;
  splitValue: Float64Array;
  left: Int32Array;
  right: Int32Array;
}

/**
 * Builds the tree by splitting each node at the median of its widest dimension until nodes hold
 * at most `leafSize` points. O(n·d·log n); deterministic for equal data.
 */
export function buildKdTree(
  data: Float32Array,
  numPoints: number,
  dims: number,
  leafSize: number,
): KdTree {
  const order = new Int32Array(numPoints);
  for (let i = 0; i < numPoints; i++) order[i] = i;
  const nodes = {
    start: [0],
    end: [numPoints],
    splitDim: [-1],
    splitValue: [0],
    left: [-1],
    right: [-1],
  };
  const stack = [0];
  while (stack.length > 0) {
    const t = stack.pop()!;
    const from = nodes.start[t];
    const to = nodes.end[t];
    if (to - from <= leafSize) continue;
    const dim = widestDimension(data, dims, order, from, to);
    if (dim < 0) continue; // all points equal: nothing to split
    const mid = (from + to) >>> 1;
    select(data, dims, order, from, to, mid, dim);
    nodes.splitDim[t] = dim;
    nodes.splitValue[t] = data[order[mid] * dims + dim];
    nodes.left[t] = addNode(nodes, from, mid);
    nodes.right[t] = addNode(nodes, mid, to);
    stack.push(nodes.left[t], nodes.right[t]);
  }
  const ordered = new Float32Array(numPoints * dims);
  for (let r = 0; r < numPoints; r++) {
    ordered.set(data.subarray(order[r] * dims, (order[r] + 1) * dims), r * dims);
  }
  return {
    data,
    ordered,
    dims,
    order,
    start: Int32Array.from(nodes.start),
    end: Int32Array.from(nodes.end),
    splitDim: Int32Array.from(nodes.splitDim),
    splitValue: Float64Array.from(nodes.splitValue),
    left: Int32Array.from(nodes.left),
    right: Int32Array.from(nodes.right),
  };
}

function addNode(nodes: Record<string, number[]>, from: number, to: number): number {
  nodes.start.push(from);
  nodes.end.push(to);
  nodes.splitDim.push(-1);
  nodes.splitValue.push(0);
  nodes.left.push(-1);
  nodes.right.push(-1);
  return nodes.start.length - 1;
}

// The dimension with the largest range over order[from..to), or -1 when every range is zero.
function widestDimension(
  data: Float32Array,
  dims: number,
  order: Int32Array,
  from: number,
  to: number,
): number {
  let best = -1;
  let bestRange = 0;
  for (let d = 0; d < dims; d++) {
    let min = Infinity;
    let max = -Infinity;
    for (let r = from; r < to; r++) {
      const v = data[order[r] * dims + d];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max - min > bestRange) {
      bestRange = max - min;
      best = d;
    }
  }
  return best;
}

// Quickselect (Hoare partition, middle pivot): afterwards order[nth] holds the point whose value on
// `dim` ranks nth within [from, to), smaller-or-equal ones before it, larger-or-equal after.
function select(
  data: Float32Array,
  dims: number,
  order: Int32Array,
  from: number,
  to: number,
  nth: number,
  dim: number,
): void {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const pivot = data[order[(lo + hi) >>> 1] * dims + dim];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (data[order[i] * dims + dim] < pivot) i++;
      while (data[order[j] * dims + dim] > pivot) j--;
      if (i <= j) {
        const tmp = order[i];
        order[i++] = order[j];
        order[j--] = tmp;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}

/** The k nearest points found for one query, nearest first. */
export interface Neighbours {
  /** Point indices (rows of the tree's data), length k. */
  index: Int32Array;
  /** Squared Euclidean distances, length k. */
  dist2: Float64Array;
  /** How many slots are filled (less than k only when the tree has fewer points). */
  count: number;
  /** Per-dimension offsets to the splitting planes crossed so far (search scratch). */
  offsets: Float64Array;
}

/**
 * An order in which to answer `count` queries (rows of `queries`, row-major): by the leaf each one
 * falls in, so that consecutive searches read the same stretch of the tree's points from cache.
 * Answers do not depend on the order; only the time does.
 */
export function queryOrder(tree: KdTree, queries: Float32Array, count: number): Int32Array {
  const leaf = new Int32Array(count);
  const { dims, splitDim, splitValue, left, right } = tree;
  if (tree.order.length > 0) {
    for (let i = 0; i < count; i++) {
      let t = 0;
      while (splitDim[t] >= 0) {
        t = queries[i * dims + splitDim[t]] < splitValue[t] ? left[t] : right[t];
      }
      leaf[i] = tree.start[t];
    }
  }
  const ordered = Int32Array.from({ length: count }, (_, i) => i);
  return ordered.sort((a, b) => leaf[a] - leaf[b] || a - b);
}

/** Scratch space for queries of up to `k` neighbours in `dims` dimensions. */
export function neighbourBuffer(k: number, dims = 0): Neighbours {
  return {
    index: new Int32Array(k),
    dist2: new Float64Array(k),
    count: 0,
    offsets: new Float64Array(dims),
  };
}

/**
 * Fills `out` with the `out.index.length` nearest points to `query` (length dims), exactly.
 * `exclude` (a point index, or -1) is skipped, for leave-one-out scoring on training rows.
 */
export function nearest(
  tree: KdTree,
  query: Float32Array,
  out: Neighbours,
  exclude = -1,
): Neighbours {
  out.count = 0;
  if (out.offsets.length !== tree.dims) out.offsets = new Float64Array(tree.dims);
  else out.offsets.fill(0);
  if (tree.order.length > 0) search(tree, 0, query, out, exclude, 0);
  return out;
}

// `bound` is a lower bound on the squared distance from the query to any point of node t: the sum
// of squared offsets to the splitting planes crossed on the way down, one per dimension (Arya and
// Mount's incremental distance). It prunes far more than the last plane alone in 20–30 dimensions.
function search(
  tree: KdTree,
  t: number,
  query: Float32Array,
  out: Neighbours,
  exclude: number,
  bound: number,
): void {
  const dim = tree.splitDim[t];
  if (dim < 0) {
    scanLeaf(tree, t, query, out, exclude);
    return;
  }
  const gap = query[dim] - tree.splitValue[t];
  search(tree, gap < 0 ? tree.left[t] : tree.right[t], query, out, exclude, bound);
  const previous = out.offsets[dim];
  const farBound = bound - previous * previous + gap * gap;
  const k = out.index.length;
  if (out.count < k || farBound < out.dist2[k - 1]) {
    out.offsets[dim] = gap;
    search(tree, gap < 0 ? tree.right[t] : tree.left[t], query, out, exclude, farBound);
    out.offsets[dim] = previous;
  }
}

function scanLeaf(tree: KdTree, t: number, query: Float32Array, out: Neighbours, exclude: number) {
  const { ordered, dims, order } = tree;
  const k = out.index.length;
  for (let r = tree.start[t]; r < tree.end[t]; r++) {
    const point = order[r];
    if (point === exclude) continue;
    const base = r * dims;
    const worst = out.count < k ? Infinity : out.dist2[k - 1];
    let dist2 = 0;
    // Stop summing once the point is already farther than the worst kept neighbour.
    for (let d = 0; d < dims && dist2 < worst; d++) {
      const diff = query[d] - ordered[base + d];
      dist2 += diff * diff;
    }
    if (dist2 < worst) insert(out, point, dist2);
  }
}

// Insertion into the sorted list of kept neighbours; k is small, so this beats a heap.
function insert(out: Neighbours, point: number, dist2: number): void {
  const k = out.index.length;
  let slot = out.count < k ? out.count++ : k - 1;
  while (slot > 0 && out.dist2[slot - 1] > dist2) {
    out.dist2[slot] = out.dist2[slot - 1];
    out.index[slot] = out.index[slot - 1];
    slot--;
  }
  out.dist2[slot] = dist2;
  out.index[slot] = point;
}
