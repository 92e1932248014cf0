// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package / source file, and the
// top functions by self time. Used by `npm run bench:callback -- --profile`; also runnable:
//   npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Where a frame's code lives: an npm package, a project file, node itself, or a V8 pseudo-frame. */
function bucket(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : `(native) ${fn || 'anonymous'}`;
  // npm start's compiled copy of src/ and scripts/ (scripts/compile.mjs): node_modules/.cache/compiled-src/<hash>/src/…
  const compiled = url.match(/\/compiled-src\/[^/]+\/(.*)$/);
  if (compiled) return compiled[1]!.replace(/\.js$/, '.ts');
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `pkg ${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[0]}`;
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  const scripts = url.indexOf('/scripts/');
  if (scripts >= 0) return url.slice(scripts + 1);
  return url;
}

export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node from samples/timeDeltas (more exact than hitCount × interval).
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const next = deltas[i + 1] ?? 0;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + Math.max(0, next));
  }
  const totalUs = profile.endTime - profile.startTime;
  let idleUs = 0;
  const buckets = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const b = bucket(url, functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + us);
    const fnKey = `${functionName || '(anonymous)'}  ${url ? `${bucket(url, functionName)}:${lineNumber + 1}` : ''}`;
    fns.set(fnKey, (fns.get(fnKey) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => `${((100 * us) / busyUs).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${Math.round(us / 1000)} ms`.padStart(9);
  const out: string[] = [];
  out.push(`  wall ${Math.round(totalUs / 1000)} ms, busy ${Math.round(busyUs / 1000)} ms (${((100 * busyUs) / totalUs).toFixed(0)}%), idle ${Math.round(idleUs / 1000)} ms`);
  out.push('  self time by package / file (share of busy time):');
  for (const [b, us] of [...buckets].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${pct(us)} ${ms(us)}  ${b}`);
  out.push('  top functions by self time:');
  for (const [f, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${pct(us)} ${ms(us)}  ${f}`);
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile');
    process.exit(2);
  }
  console.log(summarise(file));
}
