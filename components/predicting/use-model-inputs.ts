'use client';
// The inputs of a model (kinds, ranges, levels) for forms and plots, fetched once per model.
import { useEffect, useState } from 'react';
import { callApi } from '../datasets/api';
import type { ModelInputs } from './types';

const cache = new Map<string, Promise<ModelInputs>>();

/** Fetches GET /api/models/:id/predict, shared by every component asking for the same model. */
export function fetchModelInputs(modelId: string): Promise<ModelInputs> {
  let pending = cache.get(modelId);
  if (!pending) {
    pending = callApi<ModelInputs>(`/api/models/${modelId}/predict`);
    pending.catch(() => cache.delete(modelId));
    cache.set(modelId, pending);
  }
  return pending;
}

/** The model's inputs, or the error met loading them; both null while loading. */
export function useModelInputs(modelId: string | null) {
  const [state, setState] = useState<{ id: string; inputs?: ModelInputs; error?: string } | null>(
    null,
  );
  useEffect(() => {
    if (!modelId) return;
    let live = true;
    fetchModelInputs(modelId).then(
      (inputs) => live && setState({ id: modelId, inputs }),
      (error: Error) => live && setState({ id: modelId, error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [modelId]);
  const current = state?.id === modelId ? state : null;
  return { inputs: current?.inputs ?? null, error: current?.error ?? null };
}
