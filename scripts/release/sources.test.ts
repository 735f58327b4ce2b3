import { expect, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBuildConfig } from '../../extension/build-config.ts';
import {
  isSourceFile,
  releaseEnv,
  SOURCE_WORKSPACES,
  SOURCES_BUILD_COMMANDS,
  sourcesPackageJson,
  sourcesReadme,
} from './sources.ts';

test('the sources hold what the build needs and leave tests, screenshots and other parts out', () => {
  expect(isSourceFile('extension/src/room/connection.ts')).toBe(true);
  expect(isSourceFile('extension/package.json')).toBe(true);
  expect(isSourceFile('extension/tools/make-icons.ts')).toBe(true);
  expect(isSourceFile('shared/src/sync/clock.ts')).toBe(true);
  expect(isSourceFile('test-support/package.json')).toBe(true);
  expect(isSourceFile('extension/src/room/connection.test.ts')).toBe(false);
  expect(isSourceFile('extension/src/popup/Popup.test.tsx')).toBe(false);
  expect(isSourceFile('extension/screenshots/sidebar.png')).toBe(false);
  expect(isSourceFile('extension/test/dom.ts')).toBe(false);
  expect(isSourceFile('backend/src/app.ts')).toBe(false);
  expect(isSourceFile('scripts/dev.ts')).toBe(false);
  expect(isSourceFile('package.json')).toBe(false);
});

test('the sources’ package.json lists only the workspaces the zip holds', () => {
  const manifest = JSON.parse(sourcesPackageJson('1.2.3'));
  expect(manifest).toMatchObject({ version: '1.2.3', workspaces: SOURCE_WORKSPACES });
  expect(manifest.scripts.build).toBe('cd extension && bun --env-file=../release.env run build');
});

test('the README gives exactly the commands the rebuild check runs', () => {
  const readme = sourcesReadme('1.2.3', '1.4.5');
  for (const command of SOURCES_BUILD_COMMANDS)
    expect(readme).toContain(`    ${command.join(' ')}`);
  expect(readme).toContain('npm install -g bun@1.4.5');
  expect(readme).toContain('kino-vmeste-1.2.3-firefox.zip');
});

test('release.env, read by Bun as the sources build does, gives back the same build', async () => {
  const build = parseBuildConfig({
    KINO_BACKEND_URL: 'https://together.example.com/app',
    KINO_CINEMA_ORIGINS: 'https://cinema.example.com,https://www.cinema.example.com',
    KINO_FIREFOX_STORE_URL: 'https://addons.mozilla.org/firefox/addon/kino-vmeste/',
  });
  const dir = await mkdtemp(join(tmpdir(), 'kino-release-env-'));
  try {
    await Bun.write(join(dir, 'release.env'), releaseEnv(build));
    const script =
      'console.log(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("KINO_")))))';
    const proc = Bun.spawnSync(['bun', '--env-file=release.env', '-e', script], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    const env = JSON.parse(proc.stdout.toString()) as Record<string, string>;
    expect(parseBuildConfig(env)).toEqual(build);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
