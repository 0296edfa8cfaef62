'use client';
// The user's models from GET /api/models, re-read every 2 s while any of them is training.
import { useCallback, useEffect, useState } from 'react';
import { getWithClock } from './api';
import type { ModelSummary } from './types';

/** How often the list is re-read while a model trains. */
export const POLL_MS = 2000;

/**
 * The models (null until the first answer), the last load error, a reload function, and the
 * server clock's lead over the browser's.
 */
export function useModels() {
  const [models, setModels] = useState<ModelSummary[] | null>(null);
  const [error, setError] = useState<string>();
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  // Bumped after every answer, so the poll below re-arms even when nothing changed.
  const [loads, setLoads] = useState(0);

  const reload = useCallback(async () => {
    try {
      const answer = await getWithClock<{ models: ModelSummary[] }>('/api/models');
      setModels(answer.body.models);
      setClockOffsetMs(answer.clockOffsetMs);
      setError(undefined);
    } catch (caught) {
      setError((caught as Error).message);
    }
    setLoads((n) => n + 1);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const training = models?.some((m) => m.status === 'TRAINING') ?? false;
  useEffect(() => {
    // Keep polling after an error too: a restarting server should not freeze the list.
    if (loads === 0 || (!training && !error)) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [loads, training, error, reload]);

  return { models, error, reload, clockOffsetMs };
}
