/**
 * Reads the numbers that matter out of kino.cfg, so tests can hold them against the
 * backend's own limits (one source of truth: the backend's constants; the balancer must
 * fit around them). Pure: text in, facts out.
 */

export interface BalancerFacts {
  /** `timeout <name>` lines of the `defaults kino` section, in ms. */
  timeouts: Record<string, number>;
  /** The Content-Length above which the API backend answers 413. */
  apiBodyLimitBytes: number;
  /** The URI the API backend's health check requests. */
  healthCheckUri: string;
  /** `balance` of the API backend. */
  balance: string;
  /** `balance` and `hash-type` of the WebSocket backend (room affinity), '' when absent. */
  wsBalance: string;
  wsHashType: string;
  /** Every `option …` line, anywhere. */
  options: string[];
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** HAProxy's time format: a number with an optional unit (ms by default). */
export function parseHaproxyTime(value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(value);
  if (!match) throw new Error(`not an HAProxy time: "${value}"`);
  return Number(match[1]) * UNITS[match[2] ?? 'ms']!;
}

/** Lines without comments and blank lines, each with the section it belongs to. */
function statements(config: string): { section: string; words: string[] }[] {
  let section = '';
  const out: { section: string; words: string[] }[] = [];
  for (const raw of config.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line || line.startsWith('.')) continue;
    const words = line.split(/\s+/);
    if (!/^\s/.test(raw)) {
      section = line;
      continue;
    }
    out.push({ section, words });
  }
  return out;
}

export function balancerFacts(config: string): BalancerFacts {
  const all = statements(config);
  const timeouts: Record<string, number> = {};
  for (const { section, words } of all) {
    if (section === 'defaults kino' && words[0] === 'timeout') {
      timeouts[words[1]!] = parseHaproxyTime(words[2]!);
    }
  }
  const api = all.filter((s) => s.section === 'backend kino_api').map((s) => s.words.join(' '));
  const ws = all.filter((s) => s.section === 'backend kino_ws').map((s) => s.words);
  const limit = api
    .map((line) => /status 413 .* if \{ req\.hdr_val\(content-length\) gt (\d+) \}/.exec(line))
    .find(Boolean);
  const check = api.map((line) => /^http-check send meth GET uri (\S+)/.exec(line)).find(Boolean);
  const balance = api.map((line) => /^balance (\S+)/.exec(line)).find(Boolean);
  if (!limit || !check || !balance) {
    throw new Error('kino.cfg: the kino_api backend lacks its body limit, health check or balance');
  }
  return {
    timeouts,
    apiBodyLimitBytes: Number(limit[1]),
    healthCheckUri: check[1]!,
    balance: balance[1]!,
    wsBalance:
      ws
        .find((w) => w[0] === 'balance')
        ?.slice(1)
        .join(' ') ?? '',
    wsHashType:
      ws
        .find((w) => w[0] === 'hash-type')
        ?.slice(1)
        .join(' ') ?? '',
    options: all.filter((s) => s.words[0] === 'option').map((s) => s.words.slice(1).join(' ')),
  };
}
