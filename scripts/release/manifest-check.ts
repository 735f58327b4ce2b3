/**
 * What a store reviewer checks in a package, checked before we upload: required keys,
 * the minimal permissions the build config asks for (nothing more), the build's hosts
 * and content-script matches, every referenced file present, no remote code, and the
 * version of package.json. Pure: the package's files in, a list of problems out.
 */
import {
  API_PERMISSIONS,
  type BuildConfig,
  contentScriptMatches,
  hostPermissions,
  OPTIONAL_HOSTS,
} from '../../extension/build-config.ts';
import { FIREFOX_DATA_COLLECTION } from '../../extension/data-collection.ts';
import type { FileMap } from './zip-files.ts';

export type Browser = 'chrome' | 'firefox';

export interface ManifestExpectations {
  browser: Browser;
  version: string;
  build: BuildConfig;
}

/** Chrome Web Store limits (AMO's are looser). */
const NAME_MAX = 75;
const DESCRIPTION_MAX = 132;
/** Firefox shows data-collection consent from 140 (desktop) / 142 (Android). */
const FIREFOX_MIN_VERSION = 142;

/** Permissions that would make a reviewer ask why; none of them is needed. */
const BROAD = ['<all_urls>', '*://*/*', 'tabs', 'webRequest', 'cookies', 'history', 'debugger'];

type Json = Record<string, unknown>;

const text = (files: FileMap, path: string) =>
  files.has(path) ? new TextDecoder().decode(files.get(path)) : undefined;

function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Resolves `__MSG_key__` in every locale; problems for missing or overlong texts. */
function checkLocalised(manifest: Json, files: FileMap, key: 'name' | 'description', max: number) {
  const problems: string[] = [];
  const value = manifest[key];
  if (typeof value !== 'string' || value.trim() === '') return [`"${key}" is missing`];
  const message = /^__MSG_(\w+)__$/.exec(value)?.[1];
  if (!message) return value.length > max ? [`"${key}" is longer than ${max} characters`] : [];
  const locales = [...files.keys()]
    .map((p) => /^_locales\/([^/]+)\/messages\.json$/.exec(p)?.[1])
    .filter((l): l is string => Boolean(l));
  if (!locales.includes(String(manifest.default_locale))) {
    problems.push(`default_locale "${manifest.default_locale}" has no _locales messages`);
  }
  for (const locale of locales) {
    const messages = JSON.parse(text(files, `_locales/${locale}/messages.json`)!) as Json;
    const entry = messages[message] as { message?: string } | undefined;
    if (!entry?.message) problems.push(`_locales/${locale} lacks "${message}" for "${key}"`);
    else if (entry.message.length > max) {
      problems.push(`_locales/${locale} "${key}" is longer than ${max} characters`);
    }
  }
  return problems;
}

/** Scripts loaded from the network, eval and friends: stores refuse remote code. */
export function findRemoteCode(files: FileMap): string[] {
  const problems: string[] = [];
  for (const [path, bytes] of files) {
    if (!/\.(m?js|html)$/.test(path)) continue;
    const source = new TextDecoder().decode(bytes);
    const rules: [RegExp, string][] = [
      [/<script[^>]+src=["']?(https?:)?\/\//i, 'loads a script from the network'],
      [/importScripts\(\s*["'`]https?:/, 'imports a script from the network'],
      [/import\(\s*["'`]https?:/, 'imports a module from the network'],
      [/(^|[^\w$.])eval\(/, 'calls eval'],
      [/new Function\(/, 'builds code with new Function'],
    ];
    for (const [pattern, what] of rules) if (pattern.test(source)) problems.push(`${path} ${what}`);
  }
  return problems;
}

function checkFiles(manifest: Json, files: FileMap): string[] {
  const referenced: string[] = [];
  for (const icon of Object.values((manifest.icons ?? {}) as Json)) referenced.push(String(icon));
  const background = (manifest.background ?? {}) as { service_worker?: string; scripts?: string[] };
  if (background.service_worker) referenced.push(background.service_worker);
  referenced.push(...(background.scripts ?? []));
  const action = (manifest.action ?? manifest.browser_action ?? {}) as { default_popup?: string };
  if (action.default_popup) referenced.push(action.default_popup);
  for (const script of (manifest.content_scripts ?? []) as { js?: string[]; css?: string[] }[]) {
    referenced.push(...(script.js ?? []), ...(script.css ?? []));
  }
  const missing = referenced.filter((path) => !files.has(path.replace(/^\//, '')));
  const icons = Object.keys((manifest.icons ?? {}) as Json);
  const sizes = ['16', '48', '128'].filter((size) => !icons.includes(size));
  return [
    ...missing.map((path) => `the manifest names ${path}, which the package lacks`),
    ...(sizes.length > 0 ? [`icons lack the sizes ${sizes.join(', ')}`] : []),
  ];
}

function checkPermissions(manifest: Json, expect: ManifestExpectations): string[] {
  const problems: string[] = [];
  const listed = (manifest.permissions ?? []) as string[];
  const isHost = (p: string) => p.includes('://') || p === '<all_urls>';
  // MV3 lists hosts apart; Firefox's MV2 puts them among the permissions.
  const api = listed.filter((p) => !isHost(p));
  const hosts =
    expect.browser === 'chrome'
      ? ((manifest.host_permissions ?? []) as string[])
      : listed.filter(isHost);
  const optional = (
    expect.browser === 'chrome' ? manifest.optional_host_permissions : manifest.optional_permissions
  ) as string[] | undefined;
  const wanted = Object.keys(API_PERMISSIONS);
  if (!sameSet(api, wanted)) {
    problems.push(`permissions are [${api.join(', ')}], expected exactly [${wanted.join(', ')}]`);
  }
  const wantedHosts = hostPermissions(expect.build);
  if (!sameSet(hosts, wantedHosts)) {
    problems.push(
      `host permissions are [${hosts.join(', ')}], expected [${wantedHosts.join(', ')}]`,
    );
  }
  if (!sameSet(optional ?? [], OPTIONAL_HOSTS)) {
    problems.push(
      `optional hosts are [${(optional ?? []).join(', ')}], expected [${OPTIONAL_HOSTS}]`,
    );
  }
  for (const broad of BROAD) {
    if ([...listed, ...hosts].includes(broad))
      problems.push(`asks for the broad permission ${broad}`);
  }
  const matches = contentScriptMatches(expect.build);
  const scripts = (manifest.content_scripts ?? []) as { matches: string[]; js: string[] }[];
  const matchesOf = (file: string) => scripts.find((s) => s.js.includes(file))?.matches ?? [];
  if (!sameSet(matchesOf('content-scripts/overlay.js'), matches.overlay)) {
    problems.push(
      `the overlay runs on [${matchesOf('content-scripts/overlay.js')}], expected [${matches.overlay}]`,
    );
  }
  if (!sameSet(matchesOf('content-scripts/join.js'), matches.join)) {
    problems.push(
      `the join script runs on [${matchesOf('content-scripts/join.js')}], expected [${matches.join}]`,
    );
  }
  return problems;
}

function checkBrowserSpecific(manifest: Json, browser: Browser): string[] {
  const problems: string[] = [];
  const gecko = (manifest.browser_specific_settings as { gecko?: Json } | undefined)?.gecko;
  if (browser === 'chrome') {
    if (manifest.manifest_version !== 3) problems.push('Chrome needs manifest_version 3');
    if (!(manifest.background as Json | undefined)?.service_worker) {
      problems.push('Chrome needs a background service worker');
    }
    if (!manifest.action) problems.push('Chrome needs an "action"');
    if (gecko) problems.push('the Chrome package carries Firefox settings');
    return problems;
  }
  if (!gecko?.id) problems.push('Firefox needs browser_specific_settings.gecko.id');
  if (Number.parseFloat(String(gecko?.strict_min_version)) < FIREFOX_MIN_VERSION) {
    problems.push(`Firefox strict_min_version must be at least ${FIREFOX_MIN_VERSION}`);
  }
  const data = gecko?.data_collection_permissions as { required?: string[] } | undefined;
  if (!sameSet(data?.required ?? [], FIREFOX_DATA_COLLECTION.required)) {
    problems.push(
      `data_collection_permissions.required is [${data?.required ?? []}], expected [${FIREFOX_DATA_COLLECTION.required}]`,
    );
  }
  return problems;
}

export function checkPackage(files: FileMap, expect: ManifestExpectations): string[] {
  const raw = text(files, 'manifest.json');
  if (raw === undefined) return ['the package has no manifest.json at its root'];
  let manifest: Json;
  try {
    manifest = JSON.parse(raw) as Json;
  } catch {
    return ['manifest.json is not valid JSON'];
  }
  const problems: string[] = [];
  if (manifest.version !== expect.version) {
    problems.push(`version is ${manifest.version}, package.json says ${expect.version}`);
  }
  if (manifest.content_security_policy !== undefined) {
    problems.push('sets a content_security_policy (the default one forbids remote code)');
  }
  return [
    ...problems,
    ...checkLocalised(manifest, files, 'name', NAME_MAX),
    ...checkLocalised(manifest, files, 'description', DESCRIPTION_MAX),
    ...checkFiles(manifest, files),
    ...checkPermissions(manifest, expect),
    ...checkBrowserSpecific(manifest, expect.browser),
    ...findRemoteCode(files),
  ];
}
