/**
 * The things under load, each started fresh on loopback: the bare Bun relay, the socket.io
 * relay on Node, and our backend as one, two or three instances sharing Redis and Postgres (a
 * fresh database and key prefix each, removed when the target stops), with every room's
 * members spread over the instances or (the `a` targets) each room on one instance.
 */
import { join } from 'node:path';
import { signCinemaToken } from '@kino/cinema/token';
import type { TargetName } from './options.ts';
import { type ServerProcess, startServer } from './procs.ts';
import { createBenchDatabase, deleteRedisPrefix, newRedisPrefix, REDIS_URL } from './services.ts';
import type { Placement, Wire } from './types.ts';

export interface StartedTarget {
  name: TargetName;
  wire: Wire;
  /** Which instance each member joins (types.ts); one instance: irrelevant. */
  placement: Placement;
  servers: ServerProcess[];
  roomIds: string[];
  /** Our backend's own Postgres database (its backends' CPU is read per phase). */
  database?: string;
  stop(): Promise<void>;
}

const HERE = import.meta.dir;
const SERVERS = join(HERE, 'servers');

/** socket.io runs on Node 20, which cannot run TypeScript: bundle it once for Node. */
async function bundleSocketIoServer(outDir: string): Promise<string> {
  const built = await Bun.build({
    entrypoints: [join(SERVERS, 'socketio.ts')],
    target: 'node',
    outdir: outDir,
    naming: 'socketio-server.mjs',
  });
  if (!built.success) throw new Error(`socket.io server build failed: ${built.logs.join('\n')}`);
  return join(outDir, 'socketio-server.mjs');
}

const baselineRooms = (count: number, name: string) =>
  Array.from({ length: count }, (_, i) => `${name}-room-${i}`);

export interface TargetContext {
  cinemaUrl: string;
  tmpDir: string;
  /** Folder for the servers' stderr logs. */
  logDir: string;
  log: (line: string) => void;
}

export async function startTarget(
  name: TargetName,
  roomCount: number,
  ctx: TargetContext,
): Promise<StartedTarget> {
  if (name === 'bare') {
    const server = await startServer(
      'bare',
      ['bun', join(SERVERS, 'bare.ts')],
      {},
      join(ctx.logDir, 'bare.log'),
    );
    return {
      name,
      wire: 'bare',
      placement: 'spread',
      servers: [server],
      roomIds: baselineRooms(roomCount, name),
      stop: () => server.stop(),
    };
  }
  if (name === 'socketio') {
    const script = await bundleSocketIoServer(ctx.tmpDir);
    const server = await startServer(
      'socket.io',
      ['node', script],
      {},
      join(ctx.logDir, 'socketio.log'),
    );
    return {
      name,
      wire: 'socketio',
      placement: 'spread',
      servers: [server],
      roomIds: baselineRooms(roomCount, name),
      stop: () => server.stop(),
    };
  }
  // kino-N: N instances, a room's members spread over them; kino-Na: each room on one of them.
  const instances = Number(/^kino-(\d)/.exec(name)?.[1] ?? 1);
  return startKino(name, instances, name.endsWith('a') ? 'room' : 'spread', roomCount, ctx);
}

/**
 * `bun`, or with BENCH_CPU_PROF=1 `bun --cpu-prof-md`: each instance writes a profile (markdown,
 * hottest functions first) into the log folder when it stops.
 */
function kinoCommand(logDir: string, name: string): string[] {
  if (!process.env.BENCH_CPU_PROF) return ['bun'];
  return ['bun', '--cpu-prof-md', `--cpu-prof-dir=${logDir}`, `--cpu-prof-name=${name}.md`];
}

async function startKino(
  name: TargetName,
  instances: number,
  placement: Placement,
  roomCount: number,
  ctx: TargetContext,
): Promise<StartedTarget> {
  const database = await createBenchDatabase();
  const redisPrefix = newRedisPrefix();
  const servers: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await deleteRedisPrefix(redisPrefix).catch((e: unknown) => ctx.log(`redis cleanup: ${e}`));
    await database.drop().catch((e: unknown) => ctx.log(`database drop: ${e}`));
  };
  try {
    // One after the other: the first applies the migrations, the second finds them done.
    for (let i = 0; i < instances; i++) {
      servers.push(
        await startServer(
          `kino-${i + 1}`,
          [...kinoCommand(ctx.logDir, `${name}-instance-${i + 1}`), join(SERVERS, 'kino.ts')],
          {
            PORT: '0',
            DATABASE_URL: database.url,
            REDIS_URL,
            REDIS_PREFIX: redisPrefix,
            CINEMA_URL: ctx.cinemaUrl,
            DATA_DIR: join(ctx.tmpDir, `${name}-${i}`),
            INSTANCE_ID: `bench-${name}-${i + 1}`,
          },
          join(ctx.logDir, `${name}-instance-${i + 1}.log`),
        ),
      );
    }
    const roomIds = await createRooms(servers[0]!.url, roomCount);
    return { name, wire: 'kino', placement, servers, roomIds, database: database.name, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Rooms through the real API, owned by the demo cinema's Anna and open to anyone with the
 * link (the cinema has five users; the load's members are made-up ids joining by link).
 */
async function createRooms(baseUrl: string, count: number): Promise<string[]> {
  const token = await signCinemaToken({ sub: 'anna', name: 'Anna' });
  const ids: string[] = new Array(count);
  let next = 0;
  async function lane(): Promise<void> {
    for (let i = next++; i < count; i = next++) {
      const response = await fetch(`${baseUrl}/api/rooms`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ filmId: 'night-train', invitees: [], allowLinkJoin: true }),
      });
      if (response.status !== 201) {
        throw new Error(`room ${i} not created: ${response.status} ${await response.text()}`);
      }
      ids[i] = ((await response.json()) as { id: string }).id;
    }
  }
  await Promise.all(Array.from({ length: 16 }, lane));
  return ids;
}
