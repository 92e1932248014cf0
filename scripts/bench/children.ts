// Child processes for the callback benchmark: start, wait until ready, stop gracefully,
// and make sure none outlives the benchmark (exit, ctrl-C, crash).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { startCommand } from '../lib/start-command.ts';

export interface Child {
  name: string;
  proc: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
}

const live = new Set<Child>();
let hooked = false;

/** Kills (SIGKILL) every child still running; safe to call from an 'exit' handler. */
export function killAllChildren(): void {
  for (const c of live) {
    if (c.proc.exitCode === null && c.proc.signalCode === null) {
      try {
        c.proc.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  live.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllChildren);
}

/** Starts `node --import tsx <args>` (plain `node <args>` with `tsx: false`); stdout and stderr go to logFile unless `pipeStdout`. */
export function startNode(
  name: string,
  nodeArgs: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; pipeStdout?: boolean; tsx?: boolean },
): Child {
  hookExit();
  const fd = openSync(opts.logFile, 'a');
  const proc = spawn(process.execPath, [...(opts.tsx === false ? [] : ['--import', 'tsx']), ...nodeArgs], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', opts.pipeStdout ? 'pipe' : fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const child: Child = { name, proc, logFile: opts.logFile, exited };
  live.add(child);
  void exited.then(() => live.delete(child));
  return child;
}

/** Runs a node script to completion; resolves with its exit code. */
export async function runNode(
  name: string,
  nodeArgs: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Promise<number | null> {
  return startNode(name, nodeArgs, opts).exited;
}

/** SIGTERM, then SIGKILL after graceMs. Resolves with the exit code (null when killed). */
export async function stopChild(child: Child, graceMs = 20_000): Promise<number | null> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return child.proc.exitCode;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
  const code = await child.exited;
  clearTimeout(timer);
  return code;
}

/** Polls url until it answers 200, failing early if the child exits. */
export async function waitForHttp(child: Child, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.name} exited during start-up:\n${tail(child.logFile)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${child.name} was not ready at ${url} after ${timeoutMs} ms:\n${tail(child.logFile)}`);
}

/** Waits for the child to print a JSON line with a `listening` URL on stdout. */
export function waitForListeningLine(child: Child, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${child.name} did not report listening:\n${tail(child.logFile)}`)), timeoutMs);
    child.proc.stdout!.setEncoding('utf8');
    child.proc.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      for (const line of buffered.split('\n')) {
        try {
          const url = (JSON.parse(line) as { listening?: string }).listening;
          if (url) {
            clearTimeout(timer);
            resolve(url);
            return;
          }
        } catch {
          // partial or non-JSON line
        }
      }
    });
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${child.name} exited (${code}) during start-up:\n${tail(child.logFile)}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the service as `npm start` does (scripts/lib/start-command.ts); `nodeFlags` go first (e.g. --cpu-prof). */
export function startService(nodeFlags: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Child {
  const start = startCommand(opts.cwd);
  return startNode('service', [...nodeFlags, ...start.args], { ...opts, env: { ...opts.env, ...start.env }, tsx: false });
}
