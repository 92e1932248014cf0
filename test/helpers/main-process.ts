// Runs `src/main.ts` as `npm start` does (package.json's start script: compiled, on plain node), in a
// folder of the test's choosing (a fresh clone's working directory: relative paths such as
// data/local.db land there), and waits until it listens or exits.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nodeScriptCommand, startCommand } from '../../scripts/lib/start-command.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** The zone and .ci/run's libfaketime settings, when present: the child sees the date the test sees. */
const PASSED = ['TZ', 'LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC', 'NO_FAKE_STAT'];

export interface MainProcess {
  child: ChildProcess;
  /** The "bot is listening" log line, parsed; undefined if the process exited first. */
  listening?: { url: string; mode: string; database: string };
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function startMain(cwd: string, env: Record<string, string>, timeoutMs = 40_000): Promise<MainProcess> {
  const start = startCommand(ROOT);
  const child = spawn(process.execPath, start.args, {
    cwd,
    // Only what the test gives (and PATH): no .env, no variable leaking in from the shell.
    env: { PATH: process.env.PATH ?? '', ...pass(...PASSED), ...start.env, ...env },
  });
  // 'close', not 'exit': by then stdout and stderr are read to the end.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const run: MainProcess = {
    child,
    exitCode: null,
    stdout: '',
    stderr: '',
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return (run.exitCode = await exited);
    },
  };
  child.stdout!.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (run.stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main.ts neither listened nor exited in ${timeoutMs} ms:\n${run.stdout}\n${run.stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', () => {
      const line = run.stdout.split('\n').find((l) => l.includes('"bot is listening"'));
      if (!line || run.listening) return;
      run.listening = JSON.parse(line) as MainProcess['listening'];
      clearTimeout(timer);
      resolve(run);
    });
    void exited.then((code) => {
      run.exitCode = code;
      clearTimeout(timer);
      resolve(run);
    });
  });
}

/**
 * node's arguments for `npm run NAME -- ARGS…`: package.json's line for NAME (the compiled
 * command, as the office runs it), then ARGS. Its environment settings (the allocator's) are
 * left out: they change memory use, not what the command does.
 */
export function npmRunArgs(name: string, ...args: string[]): string[] {
  return [...nodeScriptCommand(ROOT, name).args, ...args];
}

/** Runs `npm run NAME -- ARGS…` from `cwd` with only PATH and `env`; resolves with its exit code and output. */
export async function runScript(cwd: string, name: string, args: string[], env: Record<string, string> = {}) {
  const childEnv = { PATH: process.env.PATH ?? '', ...pass(...PASSED), ...env };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, npmRunArgs(name, ...args), { cwd, env: childEnv });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function pass(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]!]] : [])));
}
