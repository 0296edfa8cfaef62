// The 3D scatter's plotly layout and colour bar, sized to the width the plot gets.

/** Below this width (px) the colour bar lies under the plot, leaving the scene the full width. */
export const NARROW_PX = 560;

const tallestPx = 460;

/**
 * Plotly draws a 3D scene's axis titles inside its WebGL canvas, which covers the scene only: at
 * its default camera (eye at 1.25, 1.25, 1.25) the cube fills the canvas and the titles past its
 * corners are cut off. The camera stands farther back, and on a narrow screen the scene is no
 * taller than wide (its projection scales with the height) and the colour bar moves below it.
 */
export function scatter3dLayout(widthPx: number, titles: { x: string; y: string; z: string }) {
  const narrow = widthPx < NARROW_PX;
  const layout = {
    autosize: true,
    height: narrow ? Math.min(tallestPx, Math.round(widthPx) + 60) : tallestPx,
    margin: { l: 0, r: 0, t: 10, b: narrow ? 50 : 10 },
    scene: {
      // Farther on a phone: the z title, rotated beside the cube, reaches past a narrow scene.
      camera: { eye: narrow ? { x: 2.3, y: 2.3, z: 1.6 } : { x: 1.9, y: 1.9, z: 1.3 } },
      xaxis: { title: { text: titles.x } },
      yaxis: { title: { text: titles.y } },
      zaxis: { title: { text: titles.z } },
    },
  };
  const colorbar = narrow
    ? { orientation: 'h' as const, thickness: 12, len: 0.9, y: -0.02, yanchor: 'top' as const }
    : { thickness: 15 };
  return { layout, colorbar };
}
