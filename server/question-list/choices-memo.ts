// The filter form's choices (topics, parties, ministries, the members who asked on a followed
// topic) are the same for every filter combination, so a list page that misses the page cache
// need not compute them again: the members alone take tens of milliseconds at 100,000 sets
// (test/bench/site.ts), and over a second while a first import's derivation keeps both cores
// busy (test/bench/first-import.ts). They are kept as long as a cached page is
// (PAGE_CACHE_SECONDS), the staleness the site already accepts; 0 keeps nothing, as the page
// cache does. Once they are older than that, the next visitor still gets them at once and a
// fresh load starts behind the page, so no visitor waits for the members query after the first.

/**
 * A loader whose result is reused for `ttlMs`, and after that served while one fresh load runs
 * (stale while revalidate). Only the first callers, before any load succeeded, wait: they share
 * the one load. A failed load is not kept; a failed refresh keeps the value held and the next
 * call tries again. `now`: milliseconds, for tests.
 */
export function memoize<T>(ttlMs: number, load: () => Promise<T>, now: () => number = () => performance.now()): () => Promise<T> {
  /** The last value loaded and when its load started. */
  let held: { value: T; at: number } | null = null;
  /** The load under way, if any. */
  let loading: Promise<T> | null = null;
  const start = () => {
    const at = now();
    const value = load();
    loading = value;
    value.then(
      (v) => {
        held = { value: v, at };
        loading = null;
      },
      () => {
        loading = null;
      },
    );
    return value;
  };
  return () => {
    if (ttlMs <= 0) return load();
    if (held && now() - held.at < ttlMs) return Promise.resolve(held.value);
    if (held) {
      // Expired: a fresh load behind this call (start observes its failure; the next call retries).
      if (!loading) start();
      return Promise.resolve(held.value);
    }
    return loading ?? start();
  };
}
