/**
 * The demo cinema's settings: explicit options win, then the environment, then
 * the defaults from ARCHITECTURE.md ("Ports and defaults").
 */
import { DEFAULT_HLS_DIR } from './media/hls/generate.ts';

export interface CinemaOptions {
  port?: number;
  jwtSecret?: string;
  issuer?: string;
  audience?: string;
  serviceKey?: string;
  /** Base of absolute film URLs handed to the backend; defaults to the server's own URL. */
  publicUrl?: string;
  /** Where the generated HLS streams are cached (default cinema/media/.hls). */
  hlsDir?: string;
  /**
   * Make missing HLS streams with ffmpeg before serving (default true). Without them, or
   * without ffmpeg, the HLS films play their progressive .webm in the cinema's player.
   */
  generateHls?: boolean;
}

export interface CinemaConfig {
  port: number;
  jwtSecret: string;
  issuer: string;
  audience: string;
  serviceKey: string;
  publicUrl: string | undefined;
  hlsDir: string;
  generateHls: boolean;
}

export const CINEMA_DEFAULTS = {
  port: 3000,
  jwtSecret: 'dev-cinema-secret',
  issuer: 'http://localhost:3000',
  audience: 'kino-vmeste',
  serviceKey: 'dev-service-key',
} as const;

type Env = Record<string, string | undefined>;

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`CINEMA_PORT must be an integer 0..65535, got "${raw}"`);
  }
  return port;
}

function nonEmpty(raw: string | undefined): string | undefined {
  return raw === undefined || raw === '' ? undefined : raw;
}

export function resolveCinemaConfig(
  opts: CinemaOptions = {},
  env: Env = process.env,
): CinemaConfig {
  return {
    port: opts.port ?? parsePort(env.CINEMA_PORT) ?? CINEMA_DEFAULTS.port,
    jwtSecret: opts.jwtSecret ?? nonEmpty(env.CINEMA_JWT_SECRET) ?? CINEMA_DEFAULTS.jwtSecret,
    issuer: opts.issuer ?? nonEmpty(env.CINEMA_ISSUER) ?? CINEMA_DEFAULTS.issuer,
    audience: opts.audience ?? nonEmpty(env.CINEMA_AUDIENCE) ?? CINEMA_DEFAULTS.audience,
    serviceKey: opts.serviceKey ?? nonEmpty(env.CINEMA_SERVICE_KEY) ?? CINEMA_DEFAULTS.serviceKey,
    publicUrl: opts.publicUrl ?? nonEmpty(env.CINEMA_PUBLIC_URL),
    hlsDir: opts.hlsDir ?? nonEmpty(env.CINEMA_HLS_DIR) ?? DEFAULT_HLS_DIR,
    generateHls: opts.generateHls ?? true,
  };
}
