import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { API_PERMISSIONS, OPTIONAL_HOSTS } from '../../extension/build-config.ts';
import { FIREFOX_DATA_COLLECTION } from '../../extension/data-collection.ts';
import { SCREENSHOT_FILES, SCREENSHOT_LANGUAGES, SCREENSHOT_SIZE } from './store-assets.ts';

const EXTENSION = join(import.meta.dir, '../../extension');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** `## Heading` → the text under it, up to the next heading. */
function sections(markdown: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const [heading, ...body] = part.split('\n');
    map.set(heading!.trim(), body.join('\n').trim());
  }
  return map;
}

const HEADINGS = {
  en: {
    name: 'Name',
    summary: 'Summary',
    screenshots: 'Screenshots',
    privacy: 'Privacy policy',
    permissions: 'Permission justifications (Chrome)',
    firefox: 'Firefox data collection (manifest)',
  },
  ru: {
    name: 'Название',
    summary: 'Краткое описание',
    screenshots: 'Снимки экрана',
    privacy: 'Политика конфиденциальности',
    permissions: 'Зачем разрешения (Chrome)',
    firefox: 'Сбор данных в Firefox (манифест)',
  },
} as const;

describe.each(SCREENSHOT_LANGUAGES)('the %s listing', (lang) => {
  const listing = async () =>
    sections(await Bun.file(join(import.meta.dir, `listing.${lang}.md`)).text());
  const messages = async () =>
    (await Bun.file(join(EXTENSION, `public/_locales/${lang}/messages.json`)).json()) as Record<
      string,
      { message: string }
    >;
  const h = HEADINGS[lang];

  test('name and summary are the manifest’s, within the stores’ limits', async () => {
    const [text, locale] = [await listing(), await messages()];
    expect(text.get(h.name)).toBe(locale.extName!.message);
    expect(text.get(h.summary)).toBe(locale.extDescription!.message);
    expect(text.get(h.name)!.length).toBeLessThanOrEqual(75);
    expect(text.get(h.summary)!.length).toBeLessThanOrEqual(132);
  });

  test('every permission is justified and every declared data category listed', async () => {
    const text = await listing();
    for (const permission of [...Object.keys(API_PERMISSIONS), ...OPTIONAL_HOSTS]) {
      expect(text.get(h.permissions)).toContain(`\`${permission}\``);
    }
    for (const category of FIREFOX_DATA_COLLECTION.required) {
      expect(text.get(h.firefox)).toContain(`\`${category}\``);
    }
  });

  test('it credits the Twemoji reaction images, as CC-BY 4.0 asks', async () => {
    const text = await Bun.file(join(import.meta.dir, `listing.${lang}.md`)).text();
    expect(text).toContain('Twemoji');
    expect(text).toContain('CC-BY 4.0');
  });

  test('it links the privacy policy in its language and names its screenshots', async () => {
    const text = await listing();
    expect(text.get(h.privacy)).toContain(`\`<backend>/privacy?lang=${lang}\``);
    for (const file of SCREENSHOT_FILES) {
      expect(text.get(h.screenshots)).toContain(`\`screenshots/${lang}/${file}\``);
    }
  });

  test.each(SCREENSHOT_FILES)('screenshot %s is there at the store size', async (file) => {
    const bytes = new Uint8Array(
      await Bun.file(join(import.meta.dir, 'screenshots', lang, file)).arrayBuffer(),
    );
    expect(pngSize(bytes)).toEqual(SCREENSHOT_SIZE);
  });
});
