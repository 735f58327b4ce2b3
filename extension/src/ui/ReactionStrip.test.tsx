import { describe, expect, mock, test } from 'bun:test';
import { findPeaks, histogramFromCounts } from '@kino/shared/reactions';
import { render } from 'preact';
import { settle, useDom } from '../../test/dom';
import { actions, view } from '../../test/room-fixtures';
import { setLocale } from '../i18n';
import { FloatingReactions } from './FloatingReactions';
import { KNOCK_IDLE } from './knock-state';
import { ReactionStrip } from './ReactionStrip';
import { ReplaySwitch } from './ReplaySwitch';
import { RoomStateScreen } from './RoomStateScreen';

const dom = useDom();

const histogram = histogramFromCounts(
  [
    { bin: 20, emoji: '😂', count: 3 },
    { bin: 70, emoji: '😱', count: 2 },
    { bin: 71, emoji: '😱', count: 1 },
  ],
  120,
);
const box = { top: 500, left: 40, width: 880, height: 8 };

function strip(canControl: boolean, onJump = mock((_: number) => {})) {
  const root = dom.container();
  render(
    <ReactionStrip
      histogram={histogram}
      peaks={findPeaks(histogram)}
      box={box}
      canControl={canControl}
      onJump={onJump}
    />,
    root,
  );
  return { root, onJump };
}

describe('the heat strip', () => {
  test('one cell per bin, warmer where the room reacted, placed on the given box', () => {
    setLocale('en');
    const { root } = strip(true);
    const section = root.querySelector<HTMLElement>('.kv-strip')!;
    expect(section.getAttribute('aria-label')).toBe('Where the room reacted');
    expect(section.style.top).toBe('500px');
    expect(section.style.width).toBe('880px');
    const cells = root.querySelectorAll<HTMLElement>('.kv-strip-bin');
    expect(cells).toHaveLength(120);
    expect(cells[20]?.style.getPropertyValue('--kv-heat')).toBe('1');
    expect(cells[0]?.style.getPropertyValue('--kv-heat')).toBe('0');
  });

  test('a peak per moment with its emoji; a click jumps the room there', () => {
    setLocale('en');
    const { root, onJump } = strip(true);
    const peaks = [...root.querySelectorAll<HTMLButtonElement>('.kv-strip-peak')];
    expect(peaks.map((p) => p.dataset.emoji)).toEqual(['😂', '😱']);
    expect(peaks[0]?.getAttribute('aria-label')).toBe(
      '😂 at 0:20: 3 reactions. Jump there for everyone',
    );
    expect(peaks[0]?.style.left).toBe(`${(20.5 / 120) * 100}%`);
    peaks[1]?.click();
    expect(onJump).toHaveBeenCalledWith(70);
  });

  test('in an owner-only room a member sees the peaks and why they cannot jump (ru)', () => {
    setLocale('ru');
    const { root, onJump } = strip(false);
    const peak = root.querySelector<HTMLButtonElement>('.kv-strip-peak')!;
    expect(peak.getAttribute('aria-disabled')).toBe('true');
    expect(peak.title).toBe('😂 на 0:20: реакций — 3. Перейти может только ведущий');
    peak.click();
    expect(onJump).not.toHaveBeenCalled();
    setLocale('en');
  });

  test('nothing at all while the room has no reactions', () => {
    const root = dom.container();
    render(
      <ReactionStrip
        histogram={histogramFromCounts([], 120)}
        peaks={[]}
        box={box}
        canControl={true}
        onJump={() => {}}
      />,
      root,
    );
    expect(root.innerHTML).toBe('');
  });
});

describe('replay', () => {
  test('the sidebar switch says its state and reports a change', async () => {
    setLocale('ru');
    const root = dom.container();
    const onChange = mock((_: boolean) => {});
    render(<ReplaySwitch on={true} onChange={onChange} />, root);
    const input = root.querySelector<HTMLInputElement>('input[role="switch"]')!;
    expect(input.checked).toBe(true);
    expect(root.textContent).toBe('Повтор реакций');
    input.click();
    await settle();
    expect(onChange).toHaveBeenCalledWith(false);
    setLocale('en');
  });

  test('a replayed reaction floats with who sent it and “earlier”', () => {
    setLocale('en');
    const root = dom.container();
    render(
      <FloatingReactions
        items={[
          { id: 'r_live_0001', emoji: '😂', name: 'Анна', at: 0 },
          { id: 'r_live_0001', emoji: '😂', name: 'Анна', at: 0, replay: true },
        ]}
      />,
      root,
    );
    const floats = root.querySelectorAll('.kv-float');
    expect(floats).toHaveLength(2);
    expect(floats[0]?.classList.contains('kv-float-replay')).toBe(false);
    expect(floats[1]?.classList.contains('kv-float-replay')).toBe(true);
    expect(floats[1]?.querySelector('.kv-float-name')?.textContent).toBe('Анна · earlier');
  });
});

describe('watching a closed room again', () => {
  const closed = { kind: 'closed', how: 'already-closed' } as const;
  const facts = { filmTitle: 'Ночной поезд', ownerName: 'Анна' };

  test('the closed screen offers the room’s reactions over the film, in the user’s language', () => {
    setLocale('en');
    const root = dom.container();
    const set = mock((_: boolean) => {});
    const v = view({ status: 'closed' });
    render(
      <RoomStateScreen
        screen={closed}
        view={v}
        facts={facts}
        knock={KNOCK_IDLE}
        actions={actions()}
        replay={{ on: true, set }}
      />,
      root,
    );
    expect(root.querySelector('.kv-replay-later')?.textContent).toContain(
      'Watch the film again with the room’s reactions',
    );
    const input = root.querySelector<HTMLInputElement>('input[role="switch"]')!;
    expect(input.checked).toBe(true);
    input.click();
    expect(set).toHaveBeenCalledWith(false);
  });

  test('without reactions to replay it says nothing of them', () => {
    const root = dom.container();
    render(
      <RoomStateScreen
        screen={closed}
        view={view({ status: 'closed' })}
        facts={facts}
        knock={KNOCK_IDLE}
        actions={actions()}
      />,
      root,
    );
    expect(root.querySelector('.kv-replay')).toBeNull();
    expect(root.querySelector('.kv-replay-later')).toBeNull();
  });
});
