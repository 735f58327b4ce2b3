/** Reading and writing zips as path → bytes maps (JSZip), for packaging and checks. */
import JSZip from 'jszip';

export type FileMap = Map<string, Uint8Array>;

/**
 * Entries carry this date instead of "now", so the same files always make the same zip
 * (a store diff or a reviewer's checksum then means a change in content).
 */
const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

export async function readZip(path: string): Promise<FileMap> {
  const zip = await JSZip.loadAsync(await Bun.file(path).arrayBuffer());
  const files: FileMap = new Map();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('uint8array'));
  }
  return files;
}

export async function writeZip(path: string, files: FileMap): Promise<void> {
  const zip = new JSZip();
  for (const name of [...files.keys()].sort()) {
    zip.file(name, files.get(name)!, { date: FIXED_DATE, createFolders: false });
  }
  const bytes = await zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
  });
  await Bun.write(path, bytes);
}

/** Every file under `dir` (relative paths with `/`), read into memory. */
export async function readDir(dir: string): Promise<FileMap> {
  const files: FileMap = new Map();
  for await (const name of new Bun.Glob('**/*').scan({ cwd: dir, dot: true })) {
    files.set(name, new Uint8Array(await Bun.file(`${dir}/${name}`).arrayBuffer()));
  }
  return files;
}

/** Writes every file of `files` under `dir`. */
export async function writeDir(dir: string, files: FileMap): Promise<void> {
  for (const [name, bytes] of files) await Bun.write(`${dir}/${name}`, bytes);
}
