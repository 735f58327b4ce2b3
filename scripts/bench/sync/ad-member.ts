/**
 * A member's ad break, driven: what its page recorded so far is kept, the film page is
 * reloaded (the extension rejoins the room from the `#kino-room` hash, which stays in the
 * URL), the cinema shows its pre-roll ad in the same <video> while the room goes on, then
 * the film. The probe goes into the new page at once, so the ad is recorded (samples
 * marked `ad`) and so is the member's way back to the room's moment.
 */
import type { Member } from './members.ts';
import { waitInPage } from './members.ts';
import { collectProbe, installProbe, PLAYER, performAction } from './probe.ts';
import type { PositionSample, VideoEvent } from './types.ts';

export interface ProbeRecording {
  samples: PositionSample[];
  events: VideoEvent[];
}

/** The longest an ad break may take: the ad (10 s), a hold, the film loading. */
const AD_BREAK_TIMEOUT_MS = 60_000;
/**
 * The extension starts a paused ad only while the room plays; in a paused room the member
 * starts it by hand after this long (ms), as a user would — a play of the ad is never the
 * room's business, so it must not reach the others.
 */
const AD_START_WAIT_MS = 2000;

const filmShown = () => document.querySelector('.player[data-phase="film"]') !== null;

/**
 * Before the run: a member whose page opened on the pre-roll ad starts it (the room is not
 * playing yet, so the extension does not) and sits through it until the film is in the player.
 */
export async function sitThroughPreRoll(member: Member): Promise<void> {
  const inAd = () => document.querySelector('.player[data-phase="ad"]') !== null;
  if (!(await member.page.evaluate(inAd, null))) return;
  await performAction(member.page, 'play', null);
  await waitInPage(member.page, filmShown, AD_BREAK_TIMEOUT_MS, `${member.login}'s film`);
}

export async function reloadIntoAd(
  member: Member,
  sampleMs: number,
  keep: (recorded: ProbeRecording) => void,
): Promise<{ reloadAt: number; adMs: number; startedByHand: boolean }> {
  if (!member.reload) throw new Error(`${member.login}'s browser cannot reload in this bench`);
  const [recorded] = await collectProbe(member.page);
  if (recorded) keep(recorded);
  const reloadAt = performance.timeOrigin + performance.now();
  await member.reload();
  await waitInPage(
    member.page,
    () => document.querySelector('video#player') !== null,
    AD_BREAK_TIMEOUT_MS,
    `${member.login}'s player after the reload`,
  );
  await installProbe(member.page, sampleMs, [PLAYER]);
  await Bun.sleep(AD_START_WAIT_MS);
  const pausedAd = () =>
    document.querySelector('.player[data-phase="ad"]') !== null &&
    document.querySelector<HTMLVideoElement>('video#player')?.paused === true;
  const startedByHand = await member.page.evaluate(pausedAd, null);
  if (startedByHand) await performAction(member.page, 'play', null);
  await waitInPage(
    member.page,
    filmShown,
    AD_BREAK_TIMEOUT_MS,
    `${member.login}'s film after the ad`,
  );
  return {
    reloadAt,
    adMs: performance.timeOrigin + performance.now() - reloadAt,
    startedByHand,
  };
}
