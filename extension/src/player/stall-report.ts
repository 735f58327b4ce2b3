/**
 * Turns the video's stalls into the room's `buffering` reports: a stall that lasts
 * `reportMs` (longer than a seek's own wait) is reported, and its end too.
 */

const HAVE_FUTURE_DATA = 3;

export interface StallReporter {
  /** `waiting` / `stalled`: reported if the video is still not ready after `reportMs`. */
  onStall(): void;
  /** `playing` / `canplay` / `seeked`: a reported stall is over once the video is ready. */
  onReady(): void;
  /** Stops the timer and takes back a report still standing. */
  stop(): void;
}

export function createStallReporter(
  video: { readonly readyState: number },
  setBuffering: (stalled: boolean) => void,
  reportMs: number,
): StallReporter {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let reported = false;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    onStall() {
      if (timer || reported) return;
      timer = setTimeout(() => {
        timer = null;
        if (video.readyState < HAVE_FUTURE_DATA && !reported) {
          reported = true;
          setBuffering(true);
        }
      }, reportMs);
    },
    onReady() {
      clear();
      if (reported && video.readyState >= HAVE_FUTURE_DATA) {
        reported = false;
        setBuffering(false);
      }
    },
    stop() {
      clear();
      if (reported) setBuffering(false);
    },
  };
}
