/** Small display helpers for film data (Russian UI). */

export function formatDuration(totalSec: number): string {
  const min = Math.floor(totalSec / 60);
  const sec = Math.round(totalSec % 60);
  if (min === 0) return `${sec} с`;
  return sec === 0 ? `${min} мин` : `${min} мин ${sec} с`;
}

/** A local path to return to after sign-in; anything else (other hosts, "//x") becomes "/". */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  return next;
}
