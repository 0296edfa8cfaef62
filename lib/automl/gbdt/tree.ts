// A regression tree while it grows: nodes in typed arrays, leaves carrying their output value.

/** 32-bit words in one node's bin set: 8 words cover the 256 possible bins. */
export const WORDS_PER_NODE = 8;

/**
 * One tree. Node 0 is the root. An internal node has `feature >= 0`, children in `left` and
 * `right` (always `left + 1`), and the set of bins that go left as 256 bits in `leftBins` (numeric splits included:
 * bins 1..threshold, plus bin 0 when missing values go left), so routing is one bit test for every
 * kind of split. A leaf has `feature = -1` and its output in `value`.
 */
export class Tree {
  numNodes = 1;
  readonly feature: Int32Array;
  readonly value: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly leftBins: Uint32Array;

  constructor(maxLeaves: number) {
    const size = 2 * maxLeaves;
    this.feature = new Int32Array(size).fill(-1);
    this.value = new Float64Array(size);
    this.left = new Int32Array(size);
    this.right = new Int32Array(size);
    this.leftBins = new Uint32Array(size * WORDS_PER_NODE);
  }

  /** Turns leaf `node` into a numeric split (bins 1..thresholdBin left); returns the children. */
  splitNumeric(node: number, feature: number, thresholdBin: number, defaultLeft: boolean) {
    const base = node * WORDS_PER_NODE;
    for (let b = 1; b <= thresholdBin; b++) this.leftBins[base + (b >>> 5)] |= 1 << (b & 31);
    if (defaultLeft) this.leftBins[base] |= 1;
    return this.addChildren(node, feature);
  }

  /** Turns leaf `node` into a categorical split sending `leftBins` left. */
  splitCategorical(node: number, feature: number, leftBins: number[]) {
    const base = node * WORDS_PER_NODE;
    for (const b of leftBins) this.leftBins[base + (b >>> 5)] |= 1 << (b & 31);
    return this.addChildren(node, feature);
  }

  private addChildren(node: number, feature: number): [number, number] {
    this.feature[node] = feature;
    const left = this.numNodes++;
    const right = this.numNodes++;
    this.left[node] = left;
    this.right[node] = right;
    return [left, right];
  }

  /** Whether a row whose bin for this node's feature is `bin` goes left. */
  goesLeft(node: number, bin: number): boolean {
    return ((this.leftBins[node * WORDS_PER_NODE + (bin >>> 5)] >>> (bin & 31)) & 1) === 1;
  }

  /** The leaf that row `row` of a row-major binned matrix reaches. */
  leafOf(binned: Uint8Array, numFeatures: number, row: number): number {
    const rowBase = row * numFeatures;
    let node = 0;
    let f = this.feature[0];
    while (f >= 0) {
      node = this.goesLeft(node, binned[rowBase + f]) ? this.left[node] : this.right[node];
      f = this.feature[node];
    }
    return node;
  }
}
