import { useEffect, useState } from 'preact/hooks';

/** The local time, refreshed every `everyMs` (for "open for 9 min"); `fixed` wins (tests). */
export function useNow(everyMs: number, fixed?: number): number {
  const [now, setNow] = useState(() => fixed ?? Date.now());
  useEffect(() => {
    if (fixed !== undefined) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, fixed]);
  return fixed ?? now;
}
