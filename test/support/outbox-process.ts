// Runs `npm run outbox -- --drain` as its own process (what a second worker machine runs).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function outboxProcess(
  env: Record<string, string>,
  args: string[] = ['--drain'],
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  // node --import tsx, not the tsx wrapper: one process, so a kill reaches the worker itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'app', 'outbox-main.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', QUIET_HOURS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}
