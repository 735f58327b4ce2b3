/**
 * The deployment of deploy/README on one machine, on free ports (no e2e lock needed):
 * a local CA and certificate (deploy/tls/make-test-certs.sh), a Postgres database and a
 * redis-server of our own, a real SMTP server, the demo cinema, two backend processes
 * sharing them, and HAProxy with the shipped kino.cfg terminating TLS in front of the
 * backends and the cinema.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { freePort, type SmtpSink, startSmtpSink } from '@kino/test-support/smtp-sink';
import { API_HOST, API_URL, CINEMA_HOST, CINEMA_ORIGIN } from '@kino/test-support/test-deployment';
import { type BackendInstance, backendInstance } from './backend-instance.ts';
import { type Balancer, lbRequest, startBalancer } from './balancer.ts';
import { type OwnRedis, startOwnRedis } from './redis-server.ts';

const MAKE_CERTS = resolve(import.meta.dir, '../../deploy/tls/make-test-certs.sh');

export interface Certificates {
  /** PEM of the CA that signed the balancer's certificate. */
  ca: string;
  /** base64 SHA-256 of the server certificate's public key (Chromium's allow-list). */
  spki: string;
}

export interface DeployStack {
  certs: Certificates;
  balancer: Balancer;
  instances: BackendInstance[];
  smtp: SmtpSink;
  /** Everything the processes printed, for the failure report. */
  output: string[];
  /** Chromium flags: trust the certificate, reach the test hosts at the balancer. */
  browserArgs(): string[];
  /** GET/POST through the balancer as a browser trusting our CA would. */
  request: (
    host: string,
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ) => ReturnType<typeof lbRequest>;
  stop(): Promise<void>;
}

async function makeCertificates(dir: string): Promise<Certificates & { pem: string }> {
  const made = Bun.spawnSync([MAKE_CERTS, dir, CINEMA_HOST, API_HOST], { stderr: 'pipe' });
  if (made.exitCode !== 0) throw new Error(`make-test-certs.sh failed: ${made.stderr.toString()}`);
  return {
    pem: join(dir, 'server.pem'),
    ca: await Bun.file(join(dir, 'ca.crt')).text(),
    spki: (await Bun.file(join(dir, 'server.spki')).text()).trim(),
  };
}

export async function startDeployStack(): Promise<DeployStack> {
  const output: string[] = [];
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    const errors: unknown[] = [];
    // Newest first, each even when an earlier one failed, so nothing is left behind.
    for (const step of cleanup.reverse()) await step().catch((e: unknown) => errors.push(e));
    if (errors.length > 0) throw new AggregateError(errors, 'deploy stack cleanup failed');
  };
  try {
    const dir = await mkdtemp(join(tmpdir(), 'kino-e2e-deploy-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const certs = await makeCertificates(dir);

    const database: TestDatabase = await createTestDatabase();
    cleanup.push(() => database.drop());
    const redis: OwnRedis = await startOwnRedis(output);
    cleanup.push(() => redis.stop());
    const smtp = await startSmtpSink();
    cleanup.push(() => smtp.stop());

    // Production-like secrets shared by the cinema and the backend (never the dev ones).
    const jwtSecret = randomBytes(32).toString('hex');
    const serviceKey = randomBytes(24).toString('hex');
    const cinema: RunningCinema = await startCinema({
      port: 0,
      publicUrl: CINEMA_ORIGIN,
      issuer: CINEMA_ORIGIN,
      jwtSecret,
      serviceKey,
    });
    cleanup.push(() => cinema.stop());

    const env = {
      KINO_ENV: 'production',
      PUBLIC_URL: API_URL,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Кино Вместе <invites@kino.test>',
      // The backend reads the cinema's user API directly, not through the balancer.
      CINEMA_URL: `http://127.0.0.1:${cinema.port}`,
      CINEMA_SERVICE_KEY: serviceKey,
      JWT_SECRET: jwtSecret,
      JWT_ISSUER: CINEMA_ORIGIN,
      DATA_DIR: join(dir, 'data'),
    };
    const instances: BackendInstance[] = [];
    for (const id of ['api1', 'api2']) {
      const instance = backendInstance(id, await freePort(), env, output);
      cleanup.push(() => instance.stop());
      // One after the other: the first applies the migrations.
      await instance.start();
      instances.push(instance);
    }

    const balancer = await startBalancer(
      {
        dir,
        certPem: certs.pem,
        apiHost: API_HOST,
        apiServers: instances.map((i) => `127.0.0.1:${i.port}`),
        cinemaHost: CINEMA_HOST,
        cinemaUpstream: `127.0.0.1:${cinema.port}`,
      },
      output,
    );
    cleanup.push(() => balancer.stop());

    return {
      certs,
      balancer,
      instances,
      smtp,
      output,
      browserArgs: () => [
        `--ignore-certificate-errors-spki-list=${certs.spki}`,
        // Port 443 (and 80) of the test hosts is the balancer's free port.
        `--host-resolver-rules=${[
          `MAP ${CINEMA_HOST}:443 127.0.0.1:${balancer.httpsPort}`,
          `MAP ${API_HOST}:443 127.0.0.1:${balancer.httpsPort}`,
          `MAP ${CINEMA_HOST}:80 127.0.0.1:${balancer.httpPort}`,
          `MAP ${API_HOST}:80 127.0.0.1:${balancer.httpPort}`,
        ].join(', ')}`,
      ],
      request: (host, path, init) => lbRequest(balancer, certs.ca, host, path, init),
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    if (output.length > 0) console.log(`[deploy] output:\n${output.join('\n')}`);
    throw error;
  }
}
