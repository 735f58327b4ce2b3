/**
 * Where a build of the extension points, decided at build time. `wxt.config.ts` reads it
 * from the environment and derives the manifest (host permissions, content-script
 * matches) from it; the runtime reads the same object (`src/build-info.ts`) for the
 * settings' defaults. Pure: env in, config out, and a clear error naming the variable.
 *
 * Without any KINO_* variable this is the dev build for the localhost stack (`bun run dev`).
 * A deployment ("release") build needs both:
 *   KINO_BACKEND_URL      https://together.example.com   (HTTP API, /join pages, wss://…/ws)
 *   KINO_CINEMA_ORIGINS   https://cinema.example.com[,https://www.cinema.example.com]
 * and optionally the store pages the invite page and the popup can link to:
 *   KINO_CHROME_STORE_URL, KINO_FIREFOX_STORE_URL
 */

export interface StoreLinks {
  chrome?: string;
  firefox?: string;
}

export interface BuildConfig {
  /** `dev`: the localhost stack, server addresses editable. `release`: a deployment. */
  kind: 'dev' | 'release';
  /** Base URL of the backend, no trailing slash (its WebSocket is `<base>/ws` on ws/wss). */
  backendUrl: string;
  /** Origins of the cinema's site; the first is the settings' default. */
  cinemaOrigins: string[];
  storeLinks: StoreLinks;
  /** The privacy policy the backend serves (`/privacy`, `?lang=en|ru`). */
  privacyUrl: string;
}

/**
 * API permissions, each with its reason (extension/README.md "Permissions and why").
 * The release check refuses a manifest that asks for anything else.
 */
export const API_PERMISSIONS = {
  storage: 'settings in storage.local; the current room in storage.session for the popup',
  scripting: 'runs the overlay on sites the user enables from the popup',
  activeTab:
    'the popup reads the address of the tab it was opened on, to offer "Enable on this site" there',
} as const;

/** Never granted at install: requested for one origin when the user enables a site. */
export const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

/** Paths of the cinema's film pages, where the overlay runs (the demo cinema adapter's). */
export const FILM_PAGE_PATHS = ['/films/*'];

export const ENV = {
  backendUrl: 'KINO_BACKEND_URL',
  cinemaOrigins: 'KINO_CINEMA_ORIGINS',
  chromeStore: 'KINO_CHROME_STORE_URL',
  firefoxStore: 'KINO_FIREFOX_STORE_URL',
} as const;

const DEV_BACKEND = 'http://localhost:8787';

export const DEV_BUILD: BuildConfig = {
  kind: 'dev',
  backendUrl: DEV_BACKEND,
  cinemaOrigins: ['http://localhost:3000'],
  storeLinks: {},
  privacyUrl: `${DEV_BACKEND}/privacy`,
};

export class BuildConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Extension build configuration: ${variable} ${problem}`);
    this.name = 'BuildConfigError';
  }
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** An https URL (store builds never talk plain HTTP), returned without a trailing slash. */
function httpsUrl(variable: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BuildConfigError(variable, `must be a URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:') {
    throw new BuildConfigError(
      variable,
      `must use https (browsers reach it over TLS), got "${raw}"`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new BuildConfigError(variable, `must not carry credentials, a query or a hash: "${raw}"`);
  }
  return url;
}

function origin(variable: string, raw: string): string {
  const url = httpsUrl(variable, raw);
  if (url.pathname !== '/') {
    throw new BuildConfigError(variable, `must be an origin without a path, got "${raw}"`);
  }
  return url.origin;
}

function baseUrl(variable: string, raw: string): string {
  const url = httpsUrl(variable, raw);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function parseBuildConfig(env: Env): BuildConfig {
  const backend = read(env, ENV.backendUrl);
  const cinemas = read(env, ENV.cinemaOrigins);
  const chrome = read(env, ENV.chromeStore);
  const firefox = read(env, ENV.firefoxStore);
  if (!backend && !cinemas) {
    if (chrome || firefox) {
      throw new BuildConfigError(
        chrome ? ENV.chromeStore : ENV.firefoxStore,
        `belongs to a release build: set ${ENV.backendUrl} and ${ENV.cinemaOrigins} too`,
      );
    }
    return DEV_BUILD;
  }
  if (!backend) {
    throw new BuildConfigError(ENV.backendUrl, `is required when ${ENV.cinemaOrigins} is set`);
  }
  if (!cinemas) {
    throw new BuildConfigError(ENV.cinemaOrigins, `is required when ${ENV.backendUrl} is set`);
  }
  const backendUrl = baseUrl(ENV.backendUrl, backend);
  const cinemaOrigins = [
    ...new Set(
      cinemas
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => origin(ENV.cinemaOrigins, s)),
    ),
  ];
  const storeLinks: StoreLinks = {};
  if (chrome) storeLinks.chrome = baseUrl(ENV.chromeStore, chrome);
  if (firefox) storeLinks.firefox = baseUrl(ENV.firefoxStore, firefox);
  return {
    kind: 'release',
    backendUrl,
    cinemaOrigins,
    storeLinks,
    privacyUrl: `${backendUrl}/privacy`,
  };
}

/**
 * A match pattern for everything under `url`'s host. No port: Firefox's match patterns
 * cannot carry one, so scripts check the exact origin themselves.
 */
export function hostPattern(url: string, path = '/*'): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}${path}`;
}

/** Host permissions: the cinema's origins (session, film pages) and the backend. */
export function hostPermissions(config: BuildConfig): string[] {
  const hosts = [...config.cinemaOrigins, config.backendUrl].map((url) => hostPattern(url));
  return [...new Set(hosts)];
}

/** Where the two content scripts run: film pages on the cinema, join pages on the backend. */
export function contentScriptMatches(config: BuildConfig): { overlay: string[]; join: string[] } {
  const backendPath = new URL(config.backendUrl).pathname.replace(/\/+$/, '');
  const overlay = config.cinemaOrigins.flatMap((o) =>
    FILM_PAGE_PATHS.map((p) => hostPattern(o, p)),
  );
  return {
    overlay: [...new Set(overlay)],
    join: [hostPattern(config.backendUrl, `${backendPath}/join/*`)],
  };
}
