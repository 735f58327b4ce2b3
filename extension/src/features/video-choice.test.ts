import { expect, test } from 'bun:test';
import { Window } from 'happy-dom';
import type { SiteAdapter } from '../adapters/types';
import { createVideoChoice } from './video-choice';

test('the user moves to the next video; a chosen one that leaves the page is forgotten', () => {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = '<video id="film"></video><video id="a"></video><video id="b"></video>';
  const all = () => [...doc.querySelectorAll('video')];
  const adapter = {
    findVideo: () => doc.querySelector<HTMLVideoElement>('#film'),
    videos: all,
  } as unknown as SiteAdapter;
  const choice = createVideoChoice(adapter, doc);
  let changes = 0;
  choice.onChange(() => changes++);
  expect(choice.find()?.id).toBe('film');
  expect(choice.count.value).toBe(3);
  choice.next();
  expect(changes).toBe(1);
  expect(choice.find()?.id).toBe('a');
  choice.next();
  expect(choice.find()?.id).toBe('b');
  doc.querySelector('#b')!.remove();
  expect(choice.find()?.id).toBe('film');
  expect(choice.count.value).toBe(2);
});
