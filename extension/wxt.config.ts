import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { API_PERMISSIONS, hostPermissions, OPTIONAL_HOSTS, parseBuildConfig } from './build-config';
import { FIREFOX_DATA_COLLECTION } from './data-collection';

/**
 * Permissions are kept minimal; extension/README.md gives the reason for each.
 * The cinema's and the backend's origins come from the build configuration
 * (build-config.ts: the localhost dev stack unless KINO_* variables say otherwise);
 * any other site is an optional host permission the user grants from the popup.
 */
const build = parseBuildConfig(process.env);

export default defineConfig({
  // A release build for a deployment goes to its own folder, so it never overwrites the
  // dev build the browser suites load (KINO_OUT_DIR lets `bun run release` choose).
  outDir: process.env.KINO_OUT_DIR ?? (build.kind === 'dev' ? '.output' : '.output/release'),
  vite: () => ({
    plugins: [preact()],
    // The bundles read it through src/build-info.ts; entrypoints derive their matches from it.
    define: { __KINO_BUILD__: JSON.stringify(build) },
  }),
  zip: {
    artifactTemplate: 'kino-vmeste-{{version}}-{{browser}}.zip',
    // `bun run release` makes the AMO sources zip itself (scripts/release/sources.ts).
    zipSources: false,
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: Object.keys(API_PERMISSIONS),
    host_permissions: hostPermissions(build),
    // MV3 names them optional_host_permissions; Firefox's MV2 lists them in optional_permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: OPTIONAL_HOSTS }
      : { optional_host_permissions: OPTIONAL_HOSTS }),
    // The overlay's stylesheet is read by the content script on sites enabled at runtime too.
    web_accessible_resources: [
      {
        resources: ['content-scripts/overlay.css'],
        matches: ['http://*/*', 'https://*/*'],
        use_dynamic_url: true,
      },
    ],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'kino-vmeste@kino.example',
              strict_min_version: '142.0',
              data_collection_permissions: FIREFOX_DATA_COLLECTION,
            },
          },
        }
      : {}),
  }),
});
