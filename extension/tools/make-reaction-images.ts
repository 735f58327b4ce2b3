/**
 * Writes src/ui/reactions/reaction-images.generated.ts: the ten reaction emoji as
 * shape data from @twemoji/svg (only these ten are bundled, not the package).
 * `bun tools/make-reaction-images.ts`; a test fails when the file is out of date.
 */
import { join } from 'node:path';
import { renderReactionModule } from '../src/ui/reactions/twemoji-source';

const packageDir = join(import.meta.dir, '../node_modules/@twemoji/svg');
const out = join(import.meta.dir, '../src/ui/reactions/reaction-images.generated.ts');
const text = await renderReactionModule((name) => Bun.file(join(packageDir, name)).text());
await Bun.write(out, text);
console.log(`wrote ${out}`);
