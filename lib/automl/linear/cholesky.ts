// Dense symmetric positive-definite solves by Cholesky factorisation, for ridge's normal equations.

/**
 * Solves (A + lambda·I) x = b for a symmetric positive semi-definite `A` (p×p, row-major).
 * Returns null when the matrix is not positive definite even with the penalty (numerically).
 */
export function solveRidgeSystem(
  A: Float64Array,
  b: Float64Array,
  lambda: number,
): Float64Array | null {
  const p = b.length;
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i * p + j] + (i === j ? lambda : 0);
      for (let k = 0; k < j; k++) sum -= L[i * p + k] * L[j * p + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i * p + i] = Math.sqrt(sum);
      } else {
        L[i * p + j] = sum / L[j * p + j];
      }
    }
  }
  return backSubstitute(L, forwardSubstitute(L, b));
}

// L z = b
function forwardSubstitute(L: Float64Array, b: Float64Array): Float64Array {
  const p = b.length;
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= L[i * p + k] * z[k];
    z[i] = sum / L[i * p + i];
  }
  return z;
}

// Lᵀ x = z
function backSubstitute(L: Float64Array, z: Float64Array): Float64Array {
  const p = z.length;
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = z[i];
    for (let k = i + 1; k < p; k++) sum -= L[k * p + i] * x[k];
    x[i] = sum / L[i * p + i];
  }
  return x;
}
