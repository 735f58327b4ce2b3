/**
 * The build's deployment (see ../build-config.ts), as the bundle sees it. `wxt.config.ts`
 * defines `__KINO_BUILD__` for every bundle; where nothing defines it (unit tests under
 * `bun test`) this is the dev build.
 */
import { type BuildConfig, DEV_BUILD } from '../build-config';

declare const __KINO_BUILD__: BuildConfig | undefined;

export const BUILD: BuildConfig =
  typeof __KINO_BUILD__ === 'undefined' ? DEV_BUILD : __KINO_BUILD__;

/** Dev builds show server addresses in the popup; store builds keep them out of sight. */
export const isDevBuild = BUILD.kind === 'dev';
