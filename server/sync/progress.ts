// Progress of a sync run. On a terminal: one line per category, redrawn in place on stderr
// (entries, entries/s, pages). Elsewhere (cron, CI, piped): one log line every N pages, so a
// first sync of millions of entries shows it is alive without flooding the log.
import type { CategoryResult, SyncLog } from './run-sync.ts';

export interface Progress {
  start(category: string): void;
  page(category: string, entries: number): void;
  done(category: string, result: CategoryResult): void;
}

interface Counter {
  startedAt: number;
  entries: number;
  pages: number;
}

function rate(c: Counter, nowMs: number): number {
  const seconds = (nowMs - c.startedAt) / 1000;
  return seconds > 0 ? Math.round(c.entries / seconds) : 0;
}

/** Redraws one stderr line per category; finished categories stay on screen. */
export function terminalProgress(stream: NodeJS.WritableStream = process.stderr, clock: () => number = Date.now): Progress {
  const counters = new Map<string, Counter>();
  let lastDraw = 0;
  const draw = (category: string, final: string) => {
    const c = counters.get(category)!;
    const line = `${category.padEnd(20)} ${String(c.entries).padStart(9)} entries ${String(rate(c, clock())).padStart(7)}/s ${String(c.pages).padStart(6)} pages${final}`;
    stream.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
  };
  return {
    start(category) {
      counters.set(category, { startedAt: clock(), entries: 0, pages: 0 });
      draw(category, '');
    },
    page(category, entries) {
      const c = counters.get(category)!;
      c.entries += entries;
      c.pages++;
      // Redrawing for every page would cost more than the page on a fast link.
      if (clock() - lastDraw >= 100) {
        lastDraw = clock();
        draw(category, '');
      }
    },
    done(category, result) {
      draw(category, result.error ? `  FOUT: ${result.error}` : result.reachedHead ? '  bijgewerkt' : '');
    },
  };
}

/** One log line per `everyPages` pages and one at the end of each category. */
export function logProgress(log: SyncLog, everyPages = 100, clock: () => number = Date.now): Progress {
  const counters = new Map<string, Counter>();
  return {
    start(category) {
      counters.set(category, { startedAt: clock(), entries: 0, pages: 0 });
    },
    page(category, entries) {
      const c = counters.get(category)!;
      c.entries += entries;
      c.pages++;
      if (c.pages % everyPages === 0) log.info({ category, entries: c.entries, pages: c.pages, perSecond: rate(c, clock()) }, 'sync progress');
    },
    done() {},
  };
}
