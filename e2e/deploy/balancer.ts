/**
 * HAProxy running the shipped deploy/haproxy/kino.cfg, unchanged: only the `global`
 * section (Debian's, with chroot and a system user) is replaced by a small one that
 * logs to stdout, and the KINO_* variables point at this suite's processes.
 */
import { request } from 'node:https';
import { join, resolve } from 'node:path';
import { freePort } from '@kino/test-support/smtp-sink';
import { type Child, spawnChild, waitFor } from './child.ts';

export const KINO_CFG = resolve(import.meta.dir, '../../deploy/haproxy/kino.cfg');

const GLOBAL = `global
    log stdout format raw local0
    maxconn 2000
    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets
`;

export interface BalancerSettings {
  dir: string;
  certPem: string;
  apiHost: string;
  apiServers: string[];
  cinemaHost: string;
  cinemaUpstream: string;
}

export interface Balancer {
  httpsPort: number;
  httpPort: number;
  child: Child;
  /** `UP`, `DOWN`, `MAINT`, … of a server of a backend, from the stats CSV. */
  serverStatus(backend: string, server: string): Promise<string | undefined>;
  waitForServer(
    backend: string,
    server: string,
    status: 'UP' | 'DOWN',
    timeoutMs?: number,
  ): Promise<void>;
  stop(): Promise<void>;
}

export async function startBalancer(
  settings: BalancerSettings,
  output: string[],
): Promise<Balancer> {
  const [httpsPort, httpPort, statsPort] = [await freePort(), await freePort(), await freePort()];
  const globalPath = join(settings.dir, 'global.cfg');
  await Bun.write(globalPath, GLOBAL);
  const env: Record<string, string | undefined> = {
    PATH: `${process.env.PATH}:/usr/sbin`,
    KINO_HTTPS_PORT: String(httpsPort),
    KINO_HTTP_PORT: String(httpPort),
    KINO_STATS_PORT: String(statsPort),
    KINO_TLS_CERT: settings.certPem,
    KINO_API_HOST: settings.apiHost,
    KINO_CINEMA_HOST: settings.cinemaHost,
    KINO_CINEMA_UPSTREAM: settings.cinemaUpstream,
  };
  settings.apiServers.forEach((server, i) => {
    env[`KINO_API_${i + 1}`] = server;
  });
  const child = spawnChild('haproxy', ['haproxy', '-db', '-f', globalPath, '-f', KINO_CFG], {
    env,
    output,
  });

  const stats = async (): Promise<string[][]> => {
    const csv = await (await fetch(`http://127.0.0.1:${statsPort}/;csv`)).text();
    return csv
      .trim()
      .split('\n')
      .map((line) => line.replace(/^# /, '').split(','));
  };
  const serverStatus = async (backend: string, server: string) => {
    const [header, ...rows] = await stats();
    const status = header!.indexOf('status');
    return rows.find((row) => row[0] === backend && row[1] === server)?.[status];
  };
  const balancer: Balancer = {
    httpsPort,
    httpPort,
    child,
    serverStatus,
    async waitForServer(backend, server, status, timeoutMs = 30_000) {
      await waitFor(
        `HAProxy to see ${backend}/${server} ${status}`,
        async () => (await serverStatus(backend, server))?.startsWith(status) ?? false,
        timeoutMs,
      );
    },
    stop: () => child.stop(),
  };
  try {
    for (let i = 1; i <= settings.apiServers.length; i++) {
      await balancer.waitForServer('kino_api', `api${i}`, 'UP');
    }
    await balancer.waitForServer('demo_cinema', 'cinema', 'UP');
  } catch (error) {
    await child.stop();
    throw error;
  }
  return balancer;
}

export interface LbResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * An HTTPS request to the balancer as `host`, verifying its certificate against our CA
 * (as a browser that trusts the CA would), over HTTP/1.1.
 */
export function lbRequest(
  balancer: Balancer,
  ca: string,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<LbResponse> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: balancer.httpsPort,
        servername: host,
        ca,
        method: init.method ?? 'GET',
        path,
        headers: { host, ...init.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end(init.body);
  });
}
