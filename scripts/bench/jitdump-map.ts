/**
 * Names JavaScriptCore's JIT code in `perf report`: converts the jitdump Bun writes with
 * `BUN_JSC_useJITDump=1 BUN_JSC_jitDumpDirectory=DIR` into `/tmp/perf-<pid>.map`, which perf
 * reads for frames in anonymous executable memory. (`perf inject --jit` would do it, but it
 * takes only files named `jit-<pid>.dump`; Bun's are `jit-<tid>-<pid>.dump`.)
 *
 *   BUN_JSC_useJITDump=1 BUN_JSC_jitDumpDirectory=/tmp/jit bun … &   # the process to profile
 *   perf record -e cpu-clock -g -p <pid> -o perf.data -- sleep 10
 *   bun scripts/bench/jitdump-map.ts /tmp/jit/jit-*-<pid>.dump <pid>
 *   perf report -i perf.data --no-children
 *
 * Format (Linux tools/perf/Documentation/jitdump-specification.txt): a header, then records
 * of { id u32, size u32, timestamp u64, … }; id 0 (JIT_CODE_LOAD) carries pid u32, tid u32,
 * vma u64, code address u64, code size u64, code index u64, a NUL-terminated name, the code.
 * Code freed and reused keeps the newest name for its address.
 */
const JIT_CODE_LOAD = 0;
const RECORD_HEADER_BYTES = 16;
const CODE_LOAD_FIELDS_BYTES = 40;

const [dumpPath, pid] = process.argv.slice(2);
if (!dumpPath || !pid) {
  console.error('usage: bun scripts/bench/jitdump-map.ts <jit-…-<pid>.dump> <pid>');
  process.exit(2);
}
const bytes = new Uint8Array(await Bun.file(dumpPath).arrayBuffer());
const view = new DataView(bytes.buffer);
const headerBytes = view.getUint32(8, true);
const names = new Map<bigint, { size: bigint; name: string }>();
const decoder = new TextDecoder();
for (let at = headerBytes; at + RECORD_HEADER_BYTES <= bytes.length; ) {
  const id = view.getUint32(at, true);
  const size = view.getUint32(at + 4, true);
  if (size === 0) break;
  if (id === JIT_CODE_LOAD) {
    const fields = at + RECORD_HEADER_BYTES;
    const address = view.getBigUint64(fields + 16, true);
    const codeSize = view.getBigUint64(fields + 24, true);
    const nameStart = fields + CODE_LOAD_FIELDS_BYTES;
    const nameEnd = bytes.indexOf(0, nameStart);
    const name = decoder.decode(bytes.subarray(nameStart, nameEnd)).replaceAll('\n', ' ');
    names.set(address, { size: codeSize, name });
  }
  at += size;
}
const lines = [...names]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([address, { size, name }]) => `${address.toString(16)} ${size.toString(16)} ${name}`);
await Bun.write(`/tmp/perf-${pid}.map`, `${lines.join('\n')}\n`);
console.log(`/tmp/perf-${pid}.map: ${lines.length} JIT code ranges`);
