/** Compares two builds file by file: what a reviewer's rebuild must reproduce. Pure. */
import type { FileMap } from './zip-files.ts';

export interface BuildDifference {
  path: string;
  problem: 'only in the shipped zip' | 'only in the rebuild' | 'content differs';
}

export function compareBuilds(shipped: FileMap, rebuilt: FileMap): BuildDifference[] {
  const differences: BuildDifference[] = [];
  const paths = [...new Set([...shipped.keys(), ...rebuilt.keys()])].sort();
  for (const path of paths) {
    const a = shipped.get(path);
    const b = rebuilt.get(path);
    if (!b) differences.push({ path, problem: 'only in the shipped zip' });
    else if (!a) differences.push({ path, problem: 'only in the rebuild' });
    else if (!sameBytes(a, b)) differences.push({ path, problem: 'content differs' });
  }
  return differences;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
