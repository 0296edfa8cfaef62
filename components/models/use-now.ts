'use client';
// The current time, re-read every second while `ticking`, for elapsed-time counters.
import { useEffect, useState } from 'react';

/** Date.now(), refreshed each second while `ticking` is true. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
