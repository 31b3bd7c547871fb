/**
 * Crashing a browser on purpose, for the tests and benchmarks of what survives a crash (e2e/autosave.spec.ts,
 * e2e/perf/autosave-loss.bench.ts): Playwright launches Chromium with a persistent profile folder
 * (`launchPersistentContext`), and these kill every process of it at once, as a crash or the OOM killer
 * would, with no chance to shut down or flush anything (what the operating system already received, e.g. a
 * committed IndexedDB transaction, survives: a process crash is not a power cut). Linux (pgrep, ps).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Every Chromium process of a profile: the browser (found by its profile folder) and all its descendants. */
export function browserProcesses(profile: string): number[] {
  let roots: number[];
  try {
    roots = execFileSync('pgrep', ['-f', profile], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((pair): pair is [number, number] => pair.length === 2);
  const found = new Set(roots.filter((pid) => pid !== process.pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of table) {
      if (found.has(ppid) && !found.has(pid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return [...found];
}

function signal(pids: Iterable<number>, name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}

/**
 * Kills a browser as a crash would: its processes stopped at once (those given, looked up beforehand, first: a
 * few system calls), then every process of the profile found now (the tree is intact while they are stopped, so
 * one started meanwhile is found too), then all killed: nothing runs on, and nothing is left over.
 */
export function killProcesses(pids: readonly number[], profile: string): number[] {
  signal(pids, 'SIGSTOP');
  const all = new Set([...pids, ...browserProcesses(profile)]);
  signal(all, 'SIGSTOP');
  signal(all, 'SIGKILL');
  return [...all];
}

/** Whether a process has finished dying: gone, or a zombie waiting to be reaped (its files are closed then). */
function ended(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Waits until killed processes have really ended (a killed process still holds its files, e.g. the profile's lock
 * and database, until the kernel has torn it down): a browser launched on the same profile before that is not a
 * restart after a crash but a second browser on a profile in use.
 */
export async function waitUntilEnded(pids: readonly number[], timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (pids.some((pid) => !ended(pid)) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Kills a browser as a crash would (see `killProcesses`). */
export function killBrowser(profile: string): number[] {
  return killProcesses(browserProcesses(profile), profile);
}
