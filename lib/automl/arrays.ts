// Type checks for the typed arrays a model stores.

/**
 * Whether `value` is a typed array of `type` (Float64Array, Int32Array, …). Compared by tag, not
 * `instanceof`: arrays coming back from a worker thread belong to another realm when the caller
 * runs in a vm context (as under Jest), and would fail `instanceof` though they are fine.
 */
export function isArrayOf<C extends { name: string; prototype: unknown }>(
  value: unknown,
  type: C,
): value is C['prototype'] {
  return Object.prototype.toString.call(value) === `[object ${type.name}]`;
}
