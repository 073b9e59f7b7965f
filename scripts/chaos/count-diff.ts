/** How one store's totals differ from the truth, in word occurrences. */
export interface StoreDiff {
  /** Σ max(0, truth − store): occurrences missing from the store. */
  lost: number;
  /** Σ max(0, store − truth), words the truth lacks included: occurrences counted twice. */
  duplicated: number;
  /** Words whose total differs. */
  wrongWords: number;
}

/** Compares two word → count maps. */
export function diffCounts(truth: ReadonlyMap<string, number>, store: ReadonlyMap<string, number>): StoreDiff {
  const d: StoreDiff = { lost: 0, duplicated: 0, wrongWords: 0 };
  for (const [w, n] of truth) {
    const s = store.get(w) ?? 0;
    if (s !== n) d.wrongWords++;
    if (s < n) d.lost += n - s;
    else d.duplicated += s - n;
  }
  for (const [w, s] of store) {
    if (!truth.has(w)) {
      d.wrongWords++;
      d.duplicated += s;
    }
  }
  return d;
}
