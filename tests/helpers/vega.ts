// Renders a Vega-Lite spec to SVG outside the browser, so tests can check what a chart draws.
import { execFileSync } from 'node:child_process';

// vega and vega-lite are ES modules, which Jest's CommonJS runtime cannot load: a child Node
// compiles and renders the spec headless, as the browser would.
const render = `
  import { compile } from 'vega-lite';
  import { parse, View } from 'vega';
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const view = new View(parse(compile(JSON.parse(text)).spec), { renderer: 'none' });
  process.stdout.write(await view.toSVG());
`;

/** The SVG the spec draws at 400 px wide ('container' needs a page; a fixed width draws the same). */
export function svgOf(spec: unknown): string {
  const fixed = { ...(spec as object), width: 400 };
  return execFileSync(process.execPath, ['--input-type=module', '-e', render], {
    input: JSON.stringify(fixed),
    encoding: 'utf8',
  });
}

/** The text marks and labels of an SVG, each with its fill colour. */
export function textsOf(svg: string): { text: string; fill: string | undefined }[] {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map(([, attributes, text]) => ({
    text,
    fill: /fill="([^"]*)"/.exec(attributes)?.[1],
  }));
}
