// Fitting a chart's title to a narrow screen: Vega draws a title on one line, centred over the
// plot area, and clips what runs past the chart's edges, so a phone showed half of a long title.
import type { VisualizationSpec } from 'vega-embed';

/**
 * Width of one character of a 13 px title, in pixels, rounded up from what Chromium measures
 * for Vega's default sans-serif (about 6.5 px), so that an estimate never runs short.
 */
const CHAR_PX = 7;

/** Room kept free on each side of a title, in pixels. */
const MARGIN_PX = 8;

type TitleText = string | string[];
interface TitleParams {
  text?: TitleText;
  subtitle?: TitleText;
  [key: string]: unknown;
}
type Title = TitleText | TitleParams;

/** Words of `text` joined into lines of at most `maxChars` characters (a longer word stays whole). */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The longest line of a title's text or subtitle, in characters. */
function longest(text: TitleText | undefined): number {
  if (text === undefined) return 0;
  return Math.max(0, ...(Array.isArray(text) ? text : [text]).map((line) => line.length));
}

function wrap(text: TitleText | undefined, maxChars: number): TitleText | undefined {
  if (typeof text !== 'string' || text.length <= maxChars) return text;
  return wrapWords(text, maxChars);
}

/**
 * `spec` with its title fitted to a chart `widthPx` wide. A title that might run past the edges
 * when centred over the plot area (which axis labels push right) is centred over the whole chart
 * instead, and a title or subtitle longer than the chart is broken into lines between words.
 * Titles with room to spare, and specs without a title, come back unchanged (the same object).
 * `widthPx` 0 (not measured yet) changes nothing.
 */
export function fitTitle(spec: VisualizationSpec, widthPx: number): VisualizationSpec {
  const title = (spec as { title?: Title | null }).title;
  if (!title || widthPx <= 0) return spec;

  const params: TitleParams =
    typeof title === 'object' && !Array.isArray(title) ? title : { text: title };
  const chars = Math.max(longest(params.text), longest(params.subtitle));
  if (chars * CHAR_PX <= 0.6 * widthPx) return spec;

  const maxChars = Math.max(10, Math.floor((widthPx - 2 * MARGIN_PX) / CHAR_PX));
  const fitted: TitleParams = { ...params, text: wrap(params.text, maxChars), frame: 'bounds' };
  if (params.subtitle !== undefined) fitted.subtitle = wrap(params.subtitle, maxChars);
  return { ...spec, title: fitted } as VisualizationSpec;
}
