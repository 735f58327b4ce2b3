/**
 * Requests made during a fault, timed: what came back, how long it took, and whether it told
 * the client when to retry. A request that takes longer than `hungAfterMs` counts as hung.
 */
export interface Probe {
  what: string;
  status: number;
  ms: number;
  retryAfter: string | null;
  code: string | undefined;
}

export async function probe(what: string, url: string, init: RequestInit = {}): Promise<Probe> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      code = undefined;
    }
    return {
      what,
      status: response.status,
      ms: Math.round(performance.now() - started),
      retryAfter: response.headers.get('retry-after'),
      code,
    };
  } catch {
    // No answer within 30 s: hung by any measure.
    return {
      what,
      status: 0,
      ms: Math.round(performance.now() - started),
      retryAfter: null,
      code: undefined,
    };
  }
}

export function summarise(probes: Probe[], hungAfterMs: number) {
  return {
    requests: probes.length,
    hung: probes.filter((p) => p.status === 0 || p.ms > hungAfterMs).length,
    slowestMs: Math.max(0, ...probes.map((p) => p.ms)),
    statuses: [...new Set(probes.map((p) => p.status))].sort(),
  };
}

/** Polls `attempt` every 50 ms until it returns true; resolves with the time it took (ms). */
export async function timeUntil(attempt: () => Promise<boolean>, limitMs: number): Promise<number> {
  const started = performance.now();
  while (!(await attempt())) {
    if (performance.now() - started > limitMs)
      throw new Error(`not recovered within ${limitMs} ms`);
    await Bun.sleep(50);
  }
  return Math.round(performance.now() - started);
}
