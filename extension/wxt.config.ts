import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * Permissions are kept minimal; extension/README.md gives the reason for each.
 * The demo cinema and the backend are fixed host permissions (the dev stack);
 * any other site is an optional host permission the user grants from the popup.
 */
export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  zip: {
    artifactTemplate: 'kino-vmeste-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'kino-vmeste-{{version}}-sources.zip',
    // AMO rebuilds from sources: the extension imports the workspace's @kino/shared.
    sourcesRoot: '..',
    excludeSources: [
      'backend/**',
      'scripts/**',
      'cinema/**',
      'test-support/**',
      'e2e/**',
      '.ci/**',
      '.data/**',
      'extension/screenshots/**',
      '**/*.test.ts',
      '**/*.test.tsx',
    ],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'scripting'],
    // No ports: Firefox match patterns cannot carry one. Scripts check the exact origin.
    host_permissions: ['http://localhost/*'],
    // MV3 names them optional_host_permissions; Firefox's MV2 lists them in optional_permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://*/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
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
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
