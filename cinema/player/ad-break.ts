/**
 * The breaks around the film, pure: when the pre-roll ad may be skipped, whether a seek
 * during it stands (the ad cannot be seeked: like real players, the page puts it back), and
 * when "Skip intro" is offered.
 */

/** The skip button unlocks after this much of the ad has played (s). */
export const SKIP_AFTER_SECONDS = 5;

/** Seconds until the ad can be skipped (0 = now). */
export function skipCountdown(adTime: number): number {
  return Math.max(0, Math.ceil(SKIP_AFTER_SECONDS - Math.max(0, adTime)));
}

/** How far a seek may land from the ad's own progress before it is undone (s). */
export const AD_SEEK_TOLERANCE = 0.5;

/**
 * Where the ad must go back to after a seek to `target`, or null to leave it: any jump away
 * from what has been watched (`watched`, the furthest point reached by playing) is undone.
 */
export function adSeekCorrection(target: number, watched: number): number | null {
  return Math.abs(target - watched) > AD_SEEK_TOLERANCE ? watched : null;
}

/** "Skip intro" is offered during the film's first `introEnd` seconds, until 1 s before. */
export function introOffer(introEnd: number | null, time: number, inFilm: boolean): boolean {
  return inFilm && introEnd !== null && time < introEnd - 1;
}
