import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, hasChromium } from '@kino/test-support/services';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * The protocol validates with TypeCompiler (`new Function`) where it may, and with the
 * TypeBox interpreter where an extension's CSP forbids codegen. This proves it in a real
 * Chromium with a real MV3 extension: its page, and its content script on a web page.
 */

interface ProbeReport {
  codegenAllowed: boolean;
  autoMode: 'compiled' | 'interpreted';
  valid: unknown;
  invalid: unknown;
  extra: unknown;
  server: unknown;
}

const expectedParses = {
  valid: { ok: true, message: { type: 'seek', baseSeq: 1, position: 2.5 } },
  invalid: {
    ok: false,
    error: {
      code: 'invalid_message',
      message: 'seek: position: expected number to be greater or equal to 0',
    },
  },
  extra: {
    ok: false,
    error: { code: 'invalid_message', message: 'leave: unexpected property "x"' },
  },
  server: { ok: true, message: { type: 'room-closed', reason: 'expired' } },
};

describe.skipIf(!hasChromium)('protocol validation under an MV3 extension CSP (Chromium)', () => {
  let dir = '';
  let context: BrowserContext | undefined;
  let server: ReturnType<typeof Bun.serve> | undefined;
  let extensionId = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kino-csp-'));
    const extension = join(dir, 'extension');
    const built = await Bun.build({
      entrypoints: [join(import.meta.dir, 'csp-fixture/probe.ts')],
      outdir: extension,
      target: 'browser',
      format: 'iife',
    });
    if (!built.success) throw new Error(built.logs.join('\n'));
    await writeFile(
      join(extension, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'kino csp probe',
        version: '1.0.0',
        background: { service_worker: 'worker.js' },
        content_scripts: [
          { matches: ['http://127.0.0.1/*'], js: ['probe.js'], run_at: 'document_idle' },
        ],
      }),
    );
    await writeFile(
      join(extension, 'worker.js'),
      '// gives the extension a worker to find its id by\n',
    );
    await writeFile(
      join(extension, 'page.html'),
      '<!doctype html><script src="probe.js"></script>',
    );
    server = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: () =>
        new Response('<!doctype html><p>cinema</p>', { headers: { 'content-type': 'text/html' } }),
    });
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        `--disable-extensions-except=${extension}`,
        `--load-extension=${extension}`,
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    server?.stop(true);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function probe(url: string): Promise<ProbeReport> {
    if (!context) throw new Error('no browser');
    const page = await context.newPage();
    try {
      await page.goto(url);
      const handle = await page.waitForFunction(() => document.documentElement.dataset.kinoProbe);
      return JSON.parse(String(await handle.jsonValue())) as ProbeReport;
    } finally {
      await page.close();
    }
  }

  test('extension page: codegen is blocked, auto falls back to the interpreter, results match', async () => {
    const report = await probe(`chrome-extension://${extensionId}/page.html`);
    expect(report.codegenAllowed).toBe(false);
    expect(report.autoMode).toBe('interpreted');
    expect(report).toMatchObject(expectedParses);
  });

  test('content script (MV3 isolated world) on a web page without CSP: same as the page', async () => {
    const report = await probe(`http://127.0.0.1:${server?.port}/`);
    // MV3 gives content scripts their own CSP, so codegen fails even where the page allows it.
    expect(report.codegenAllowed).toBe(false);
    expect(report.autoMode).toBe('interpreted');
    expect(report).toMatchObject(expectedParses);
  });
});
