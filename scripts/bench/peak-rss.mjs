// Preloaded (node --import) into a process the benchmark runs as it is: on exit, writes the
// process's peak resident set size in KB to the file BENCH_PEAK_RSS_FILE names. Benchmarks only.
// Plain JavaScript: the process it measures may run without a TypeScript loader.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
