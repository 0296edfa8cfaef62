// Per-thread buffers and the per-tree sample that forest tree growth works in.
import { Tree } from '../gbdt/tree';
import { HIST_STRIDE, type NodeRows } from './histogram';

/** How trees grow; shared by every tree of one forest. */
export interface GrowOptions {
  minSamplesLeaf: number;
  minDataPerGroup: number;
  /** 0 = no limit. */
  maxDepth: number;
  /** Non-constant features to evaluate at each split (all features = no sampling). */
  featuresPerSplit: number;
  randomThresholds: boolean;
  /** Split categorical features by thresholds on their codes instead of by category groups. */
  categoricalAsCodes: boolean;
}

/** The bootstrap or full sample of one tree: distinct rows ascending, with per-row weights. */
export interface TreeSample extends NodeRows {
  /** How many entries of `rows` are in the sample. */
  numRows: number;
}

/** Buffers reused from tree to tree (one set per thread). */
export class GrowScratch {
  readonly tree: Tree;
  readonly partitionBuffer: Uint32Array;
  /** The sample's buffers: rows, and weight and weight * label by row. */
  readonly rows: Uint32Array;
  readonly weight: Float64Array;
  readonly weightedLabel: Float64Array;
  readonly acc = new Float64Array(HIST_STRIDE);
  /** Sums of a small node over all features, with each feature's touched bins and their count. */
  readonly accAll: Float64Array;
  readonly touched: Int32Array;
  readonly touchedCounts: Int32Array;
  readonly bins = new Int32Array(256);
  readonly keys = new Float64Array(256);
  readonly featureOrder: Int32Array;
  private readonly pool: Float64Array[] = [];

  constructor(
    numRows: number,
    private readonly numFeatures: number,
    minSamplesLeaf = 1,
  ) {
    // Every leaf but a lone root weighs at least minSamplesLeaf, out of numRows in all.
    this.tree = new Tree(Math.max(1, Math.floor(numRows / minSamplesLeaf)));
    this.partitionBuffer = new Uint32Array(numRows);
    this.rows = new Uint32Array(numRows);
    this.weight = new Float64Array(numRows);
    this.weightedLabel = new Float64Array(numRows);
    this.accAll = new Float64Array(numFeatures * HIST_STRIDE);
    this.touched = new Int32Array(numFeatures * 256);
    this.touchedCounts = new Int32Array(numFeatures);
    this.featureOrder = Int32Array.from({ length: numFeatures }, (_, j) => j);
  }

  takeHistogram(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.numFeatures * HIST_STRIDE);
  }

  giveBack(hist: Float64Array | null): void {
    if (hist) this.pool.push(hist);
  }
}
