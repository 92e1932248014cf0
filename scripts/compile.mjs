// Compiles src/ and the office's command lines (scripts/*.ts but the benchmarks, with
// scripts/lib/) to plain JavaScript, so `npm start` and `npm run suggestion` … run on node alone.
//
// Why: tsx transpiles on load through a module-hooks thread, and the worker thread registers
// it again — two extra threads with their own V8 heaps, plus every TypeScript source kept
// twice. Measured on the bench (WeCom mode, SQLite): about 100 MB of the service's RSS. A
// command line starts in about 0.45 s instead of 1.1 s (most of it tsx's loader thread).
//
// Nobody runs this by hand: scripts/start.mjs, roster-import.mjs and run.mjs call it on every
// start. The output is keyed by a hash of every source file and of these options, so an
// unchanged tree starts at once, an edited one is rebuilt (esbuild: about a second), and
// concurrent starts (the tests) never see a half-written tree: each builds into a folder of
// its own and renames it into place.
//
// One file in, one file out (esbuild, the same transform tsx applies, with tsconfig.json);
// relative `.ts` imports become `.js`; packages stay imports of node_modules. Each file's
// import.meta.dirname is its SOURCE folder, so data found next to the code (cards/, prisma/
// migrations, the simulator's page) is read from the tree as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const SCRIPTS = join(ROOT, 'scripts');
const CACHE = join(ROOT, 'node_modules', '.cache', 'compiled-src');
/** Builds kept besides the current one: a process still running an older one may restart its worker thread from it. */
const KEEP = 3;
const DONE = '.complete';

function tsFiles(dir, deep = true) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (deep ? tsFiles(join(dir, e.name)) : []) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    .sort();
}

/** src/, and the command lines package.json runs through run.mjs: scripts/*.ts (not the benchmarks, which stay on tsx) and scripts/lib/. */
function sourceFiles() {
  const commandLines = tsFiles(SCRIPTS, false).filter((f) => !/[\\/]bench-[^\\/]*$/.test(f));
  return [...tsFiles(SRC), ...commandLines, ...tsFiles(join(SCRIPTS, 'lib'))];
}

async function buildOptions() {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8'));
  // Like tsx: syntax for the Node that runs it (import attributes need >= 20.10).
  return { esbuild: version, target: `node${process.versions.node}`, tsconfig: readFileSync(join(ROOT, 'tsconfig.json'), 'utf8') };
}

function hashOf(files, options) {
  const hash = createHash('sha256').update(JSON.stringify(options)).update(readFileSync(import.meta.filename));
  for (const f of files) hash.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

// The generated Prisma clients import the query compiler as a JavaScript module holding the
// wasm in base64 (2.4 MB), decode it and keep the module: 4.8 MB of strings in each thread for
// good. The compiled client reads the wasm from a file written here instead. Should a Prisma
// upgrade change these lines, the pattern does not match and the client loads as generated.
export const WASM_BASE64_IMPORT = /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/(query_compiler_bg\.\w+))\.wasm-base64\.mjs"\)\s*\n\s*return await decodeBase64AsWasm\(wasm\)/;

function wasmFromFile(source, outDir) {
  const found = source.match(WASM_BASE64_IMPORT);
  if (!found) return source;
  const [statement, specifier, name] = found;
  const base64 = readFileSync(new URL(import.meta.resolve(`${specifier}.wasm-base64.mjs`)), 'utf8').match(/"([A-Za-z0-9+/=]+)"/)?.[1];
  if (!base64) return source;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.wasm`), Buffer.from(base64, 'base64'));
  const load = `return new WebAssembly.Module((await import('node:fs')).readFileSync(new URL(${JSON.stringify(`./${name}.wasm`)}, import.meta.url)))`;
  return source.replace(statement, load);
}

/** The esbuild plugin: `.ts` imports point at the compiled `.js`; import.meta.dirname is the source folder. */
function oneToOne(outdir) {
  return {
    name: 'one-to-one',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true }));
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        let contents = readFileSync(args.path, 'utf8').replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
        if (args.path.endsWith(join('internal', 'class.ts'))) contents = wasmFromFile(contents, join(outdir, relative(ROOT, dirname(args.path))));
        return { contents, loader: 'ts' };
      });
    },
  };
}

async function build(files, options, outdir) {
  const esbuild = await import('esbuild');
  try {
    await runEsbuild(esbuild, files, options, outdir);
  } finally {
    // esbuild's service is a child process that would otherwise live as long as this one (one
    // build at a time per process: start.mjs and roster-import.mjs each compile once).
    await esbuild.stop();
  }
}

function runEsbuild(esbuild, files, options, outdir) {
  return esbuild.build({
    entryPoints: files,
    outdir,
    outbase: ROOT, // the compiled tree has src/ and scripts/, so scripts' `../src/…` imports hold
    bundle: true, // only so that the plugin sees every import; each one is external
    packages: 'external',
    plugins: [oneToOne(outdir)],
    format: 'esm',
    platform: 'node',
    target: options.target,
    tsconfig: join(ROOT, 'tsconfig.json'),
    // Files on disk, not loaded unless NODE_OPTIONS=--enable-source-maps (which costs memory).
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/** Best effort: another start may be pruning too. Never the build in use, nor a build in progress. */
function prune(keep, current) {
  try {
    const entries = readdirSync(CACHE).map((name) => ({ name, mtime: statSync(join(CACHE, name)).mtimeMs }));
    const builds = entries.filter((e) => !e.name.includes('.tmp-') && join(CACHE, e.name) !== current).sort((a, b) => b.mtime - a.mtime);
    // A folder being built is named after its process (not judged by age: the tests run under a faked clock).
    const abandoned = entries.filter((e) => e.name.includes('.tmp-') && !alive(Number(e.name.split('.tmp-')[1])));
    for (const { name } of [...builds.slice(keep), ...abandoned]) rmSync(join(CACHE, name), { recursive: true, force: true });
  } catch {
    // a folder vanished under us: the other start pruned it
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** compileSrc for a command line (start.mjs, roster-import.mjs, run.mjs): the compiled tree, or one line on stderr and exit 1. */
export async function compiledSrcOrExit(purpose) {
  try {
    return await compileSrc();
  } catch (err) {
    console.error(`Could not compile src/ to ${purpose}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

/** Compiles src/ and the command lines unless this exact tree is already compiled; returns the folder of the compiled tree (its src/ and scripts/). */
export async function compileSrc() {
  const files = sourceFiles();
  const options = await buildOptions();
  const out = join(CACHE, hashOf(files, options));
  if (!existsSync(join(out, DONE))) {
    const tmp = `${out}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    await build(files, options, tmp);
    writeFileSync(join(tmp, DONE), new Date().toISOString());
    mkdirSync(CACHE, { recursive: true });
    try {
      renameSync(tmp, out);
    } catch (err) {
      // Another start compiled the same tree first: use its copy.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(join(out, DONE))) throw err;
    }
    prune(KEEP, out);
  }
  return out;
}
