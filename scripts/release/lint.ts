/** `web-ext lint` (Mozilla's addons-linter, what AMO runs on upload) over a Firefox package. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileMap, writeDir } from './zip-files.ts';

const WEB_EXT = join(import.meta.dir, '../node_modules/.bin/web-ext');

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
}

export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

export async function lintFirefoxPackage(files: FileMap): Promise<LintReport> {
  const dir = await mkdtemp(join(tmpdir(), 'kino-web-ext-lint-'));
  try {
    await writeDir(dir, files);
    const proc = Bun.spawn(
      [
        WEB_EXT,
        'lint',
        '--source-dir',
        dir,
        '--output',
        'json',
        '--no-input',
        '--no-config-discovery',
      ],
      { stdout: 'pipe', stderr: 'pipe', env: { ...process.env, WEB_EXT_NO_UPDATE_CHECK: '1' } },
    );
    const [stdout, stderr] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
    ]);
    await proc.exited;
    // Exit status is 1 when there are errors; the JSON report is printed either way.
    const start = stdout.indexOf('{');
    if (start < 0) throw new Error(`web-ext lint printed no report:\n${stdout}\n${stderr}`);
    const report = JSON.parse(stdout.slice(start)) as Record<keyof LintReport, LintMessage[]>;
    const pick = (list: LintMessage[]) =>
      list.map(({ code, message, file }) => ({ code, message, ...(file ? { file } : {}) }));
    return {
      errors: pick(report.errors),
      warnings: pick(report.warnings),
      notices: pick(report.notices),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
