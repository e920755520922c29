/**
 * Edit distance between two strings: insertions, deletions, substitutions, and swapping two neighbours
 * (the commonest typo) each count one.
 */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The one name of `names` that `wanted` was most likely meant to be: within a small edit distance, case
 * ignored (about one typo per four characters, three at most), so a name that differs only in case, at
 * distance 0, is always the one. `undefined` when none is that close, or when two are equally close.
 */
function closestName(wanted: string, names: readonly string[]): string | undefined {
  const lower = wanted.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 4)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tied = false;
  for (const name of names) {
    // Lengths further apart than the limit cannot be within it.
    if (Math.abs(name.length - wanted.length) > limit) continue;
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}

/** `did you mean "GitHubSyncWorker"?` when `wanted` is a near miss of one of `names` (see closestName). */
export function didYouMean(wanted: string, names: readonly string[]): string | undefined {
  const closest = closestName(wanted, names);
  return closest === undefined ? undefined : `did you mean ${JSON.stringify(closest)}?`;
}
