// The filter form's choices (topics, parties, ministries, the members who asked on a followed
// topic) are the same for every filter combination, so a list page that misses the page cache
// need not compute them again: the members alone take tens of milliseconds at 100,000 sets
// (test/bench/site.ts). They are kept as long as a cached page is (PAGE_CACHE_SECONDS), the
// staleness the site already accepts; 0 keeps nothing, as the page cache does.

/**
 * A loader whose result is reused for `ttlMs`. The promise is kept, so callers arriving while it
 * loads share the one load; a failed load is not kept. `now`: milliseconds, for tests.
 */
export function memoize<T>(ttlMs: number, load: () => Promise<T>, now: () => number = () => performance.now()): () => Promise<T> {
  let held: { value: Promise<T>; at: number } | null = null;
  return () => {
    if (ttlMs <= 0) return load();
    if (held && now() - held.at < ttlMs) return held.value;
    const value = load();
    const entry = { value, at: now() };
    held = entry;
    value.catch(() => {
      if (held === entry) held = null;
    });
    return value;
  };
}
