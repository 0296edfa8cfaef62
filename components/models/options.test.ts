// The train form's presets are the engine's.
import { PRESET_NAMES } from '@/lib/automl/presets';
import { presets } from './options';

describe('presets offered by the form', () => {
  it('are the engine presets, in order', () => {
    expect(presets.map((preset) => preset.value)).toEqual([...PRESET_NAMES]);
  });
});
