// The train form's presets are the engine's, with the engine's fold counts.
import { PRESETS } from '@/lib/automl/presets';
import { presets } from './options';

describe('presets offered by the form', () => {
  it('are the engine presets, in order, with their fold counts', () => {
    expect(presets.map((preset) => [preset.value, preset.folds])).toEqual(
      Object.values(PRESETS).map((plan) => [plan.name, plan.folds]),
    );
  });
});
