// The production build (`npm run build`, run by `npm start`): every TypeScript module of
// server/, jobs/, seeds/ and views/ transpiled one-to-one into dist/ with the same layout, so
// each module keeps its own import.meta.url (the "run directly" checks, paths relative to a
// module) and dynamic imports stay lazy. Packages stay external. The files a module reads
// relative to import.meta.url are copied to the same relative place under dist/, so those
// paths resolve there exactly as they do from source. Running compiled code spares the server
// tsx and its loader thread (about 100 MB of RSS) at run time. `npm start`, `npm run job`,
// `npm run demo` and `npm run staff` run it before the compiled entry point: when nothing it
// reads changed since the last build (same files, sizes and mtimes) it returns at once, and a
// rebuild is written next to the old build and swapped in, so a server already running from
// dist/ never finds its lazily imported modules missing.
//   node --import tsx server/build.ts [outdir]     (default: dist)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['server', 'jobs', 'seeds', 'views'];
// Read at run time relative to a module's import.meta.url (grep `import.meta.url`): the
// migrations (server/db/client.ts), our stylesheet (server/plugins/static-assets.ts) and the
// demo feed (jobs/demo.ts).
const ASSETS = ['migrations', 'views/assets', 'test/fixtures/demo-feed'];
const SKIP = new Set(['server/build.ts', 'server/db/drizzle.config.ts']);

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .filter((f) => !SKIP.has(f));
}

/** Relative imports point at the sibling .js file and stay separate modules; packages stay external. */
const keepModulesSeparate: esbuild.Plugin = {
  name: 'keep-modules-separate',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (!args.path.startsWith('.')) return { path: args.path, external: true };
      if (!args.path.endsWith('.ts')) throw new Error(`${args.importer}: relative import without .ts extension: ${args.path}`);
      return { path: `${args.path.slice(0, -3)}.js`, external: true };
    });
  },
};

const STAMP = '.build-stamp';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** What the build reads: every file under the sources and assets (path, size, mtime), the lock file, this script. */
function inputsFingerprint(): string {
  const files = [...SOURCES, ...ASSETS].flatMap(filesUnder).concat('package-lock.json', 'server/build.ts').sort();
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    const stat = fs.statSync(path.join(ROOT, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Builds into `outdir` unless the build there is of exactly the current inputs. Returns whether it built. */
export async function build(outdir: string): Promise<boolean> {
  const out = path.resolve(ROOT, outdir);
  const fingerprint = inputsFingerprint();
  const stamp = path.join(out, STAMP);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint) return false;
  const fresh = `${out}.new-${process.pid}`;
  fs.rmSync(fresh, { recursive: true, force: true });
  await compile(fresh);
  fs.writeFileSync(path.join(fresh, STAMP), fingerprint);
  // Swapped by two renames: the old build stays whole until the new one is complete.
  const old = `${out}.old-${process.pid}`;
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(fresh, out);
  fs.rmSync(old, { recursive: true, force: true });
  return true;
}

async function compile(out: string): Promise<void> {
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: SOURCES.flatMap(sourceFiles),
    outdir: out,
    outbase: '.',
    bundle: true, // only so the plugin sees every import; it marks them all external
    plugins: [keepModulesSeparate],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const asset of ASSETS) fs.cpSync(path.join(ROOT, asset), path.join(out, asset), { recursive: true });
  // dist/ may live outside the project (the build test): say that .js is ESM there too.
  fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await build(process.argv[2] ?? 'dist');
