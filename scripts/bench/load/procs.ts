/**
 * Child processes of the benchmark: servers that announce `READY <port>` on stdout, their
 * resident memory from /proc, and a stop that always ends them (SIGTERM, then SIGKILL).
 */
import type { Subprocess } from 'bun';

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** Lines the server wrote to stderr (its error log), last ones kept. */
  stderrTail(): string[];
  stderrLines(): number;
  /**
   * The server's own counters (our backend: bus counters), asked for with SIGUSR2 and read
   * from its `COUNTERS <json>` answer on stdout; null when it does not answer. Only for
   * servers that handle the signal: SIGUSR2 ends a process that does not.
   */
  counters(): Promise<Record<string, number> | null>;
  stop(): Promise<void>;
}

const COUNTERS_TIMEOUT_MS = 5_000;

const READY_TIMEOUT_MS = 60_000;
const PERF_LINE_PREFIX = '[perf] ';
const STOP_GRACE_MS = 5_000;

/** Resident set size of a process in KiB (VmRSS), or NaN when it is gone. */
export async function vmRssKb(pid: number): Promise<number> {
  try {
    const status = await Bun.file(`/proc/${pid}/status`).text();
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Kernel clock ticks per second (USER_HZ), fixed at 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, seconds) a process has used so far, or NaN when it is gone. */
export async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await Bun.file(`/proc/${pid}/stat`).text();
    // Fields after the command name (which may hold spaces) start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

export async function totalCpuSeconds(pids: readonly number[]): Promise<number> {
  const values = await Promise.all(pids.map(cpuSeconds));
  return values.reduce((a, b) => a + b, 0);
}

/**
 * Pids of running processes with this command name (e.g. the shared `redis-server`), to
 * read how much CPU the backing services spent. Read-only: nothing here signals them.
 */
export async function pidsNamed(name: string): Promise<number[]> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir('/proc');
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await Bun.file(`/proc/${entry}/comm`)
      .text()
      .catch(() => '');
    if (comm.trim() === name) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Pids of the Postgres backends serving `database` (their process titles name it: `postgres:
 * 15/main: postgres kino_bench_… 127.0.0.1(…) idle`). Read-only, like pidsNamed.
 */
export async function postgresBackendsOf(database: string): Promise<number[]> {
  const { readdir } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const title = await Bun.file(`/proc/${entry}/cmdline`)
      .text()
      .catch(() => '');
    if (title.startsWith('postgres:') && title.includes(` ${database} `)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * CPU seconds `pids` used between two readings: a process gone by the second counts what it
 * had at the first (its last part is lost), one new at the second counts all it used.
 */
export async function cpuBetween(
  before: ReadonlyMap<number, number>,
  pids: readonly number[],
): Promise<number> {
  let total = 0;
  const now = new Map<number, number>();
  for (const pid of pids) now.set(pid, await cpuSeconds(pid));
  for (const [pid, seconds] of now) {
    if (Number.isFinite(seconds)) total += seconds - (before.get(pid) ?? 0);
  }
  return total;
}

export async function cpuByPid(pids: readonly number[]): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (const pid of pids) {
    const seconds = await cpuSeconds(pid);
    if (Number.isFinite(seconds)) map.set(pid, seconds);
  }
  return map;
}

/** The 1-minute load average: how busy the machine was (other work skews the figures). */
export async function loadAverage(): Promise<number> {
  return Number((await Bun.file('/proc/loadavg').text()).split(' ')[0]);
}

export async function totalRssKb(pids: readonly number[]): Promise<number> {
  const values = await Promise.all(pids.map(vmRssKb));
  return values.reduce((a, b) => a + b, 0);
}

/** The soft limit on open files of this process (children inherit it). */
export async function openFileLimit(): Promise<number> {
  const limits = await Bun.file('/proc/self/limits').text();
  const match = /^Max open files\s+(\d+)/m.exec(limits);
  return match ? Number(match[1]) : Number.NaN;
}

async function eachLine(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void) {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  }
  if (buffered) onLine(buffered);
}

export async function stopProcess(proc: Subprocess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(STOP_GRACE_MS)]);
  if (!exited) {
    proc.kill('SIGKILL');
    await proc.exited;
  }
}

export async function startServer(
  name: string,
  cmd: string[],
  env: Record<string, string> = {},
  /** Where the server's whole stderr goes, for a closer look after the run. */
  logPath?: string,
): Promise<ServerProcess> {
  const proc = Bun.spawn(cmd, {
    env: { ...process.env, ...env },
    stdout: 'pipe',
    stderr: 'pipe',
    stdin: 'ignore',
  });
  const tail: string[] = [];
  let errorLines = 0;
  const logFile = logPath ? Bun.file(logPath).writer() : null;
  // Both pipes are drained for the whole life of the child, or a chatty one would block.
  void eachLine(proc.stderr, (line) => {
    logFile?.write(`${line}\n`);
    // The backend's KINO_PERF_TRACE diagnostics are not errors.
    if (line.startsWith(PERF_LINE_PREFIX)) return;
    errorLines += 1;
    tail.push(line);
    if (tail.length > 20) tail.shift();
  });
  let countersWaiting: ((line: string) => void) | null = null;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: no READY within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    void eachLine(proc.stdout, (line) => {
      if (line.startsWith('COUNTERS ')) {
        countersWaiting?.(line.slice('COUNTERS '.length));
        return;
      }
      const match = /^READY (\d+)$/.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before READY:\n${tail.join('\n')}`));
    });
  }).catch(async (error: unknown) => {
    await stopProcess(proc);
    throw error;
  });
  return {
    name,
    pid: proc.pid,
    url: `http://127.0.0.1:${port}`,
    stderrTail: () => [...tail],
    stderrLines: () => errorLines,
    counters: () =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          countersWaiting = null;
          resolve(null);
        }, COUNTERS_TIMEOUT_MS);
        countersWaiting = (json) => {
          clearTimeout(timer);
          countersWaiting = null;
          resolve(JSON.parse(json) as Record<string, number>);
        };
        proc.kill('SIGUSR2');
      }),
    async stop() {
      await stopProcess(proc);
      await logFile?.end();
    },
  };
}
