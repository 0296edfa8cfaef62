// The 3D scatter leaves room for its axis titles: the camera stands back from plotly's default,
// and on a phone the scene is no taller than wide, with the colour bar below it.
import { NARROW_PX, scatter3dLayout } from './scatter-3d-layout';

const titles = { x: 'Weight_in_lbs', y: 'Horsepower', z: 'Miles_per_Gallon_predicted' };
const distance = ({ x, y, z }: { x: number; y: number; z: number }) => Math.hypot(x, y, z);

describe('the 3D scatter layout', () => {
  it('stands the camera back from the default eye (1.25, 1.25, 1.25) so titles stay inside', () => {
    for (const width of [340, 900]) {
      const { layout } = scatter3dLayout(width, titles);
      expect(distance(layout.scene.camera.eye)).toBeGreaterThan(
        1.3 * distance({ x: 1.25, y: 1.25, z: 1.25 }),
      );
      expect(layout.scene.zaxis.title.text).toBe('Miles_per_Gallon_predicted');
    }
  });

  it('puts the colour bar under a narrow plot and keeps the scene about as tall as wide', () => {
    const { layout, colorbar } = scatter3dLayout(340, titles);
    expect(colorbar).toMatchObject({ orientation: 'h', yanchor: 'top' });
    expect(layout.height - layout.margin.b - layout.margin.t).toBeLessThanOrEqual(340);
    expect(layout.margin.b).toBeGreaterThanOrEqual(40);
  });

  it('keeps the colour bar at the side of a wide plot, 460 px tall', () => {
    const { layout, colorbar } = scatter3dLayout(NARROW_PX + 300, titles);
    expect(colorbar).not.toHaveProperty('orientation');
    expect(layout.height).toBe(460);
  });
});
