import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

export const JAPANESE_FONT_PATH = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');

/** What pdfkit needs of a parsed (fontkit) font; the rest passes through. */
export interface ParsedFont {
  layout(text: string, features?: unknown): { glyphs: unknown[]; positions: Record<string, number>[]; advanceWidth: number };
}

/**
 * The Japanese font, read and parsed once per process, shared by every document: re-reading and
 * re-parsing 5 MB per document, pdfkit's default with a file name, made about 68 documents a second.
 * Each document still embeds its own subset. Layouts of a text are shared too: pdfkit scales the
 * positions it is given in place, so each call gets fresh copies of them.
 */
let sharedFont: ParsedFont | undefined;
export function japaneseFont(): ParsedFont {
  if (sharedFont) return sharedFont;
  // Parsed by pdfkit's own font loader (fontkit) in a scratch document that is never written.
  const scratch = new PDFDocument({ font: null as unknown as string, autoFirstPage: false });
  scratch.registerFont('jp', readFileSync(JAPANESE_FONT_PATH)).font('jp');
  const parsed = (scratch as unknown as { _font: { font: ParsedFont } })._font.font;
  const runs = new Map<string, { glyphs: unknown[]; positions: Record<string, number>[] }>();
  sharedFont = new Proxy(parsed, {
    get(target, prop) {
      if (prop === 'layout') {
        return (text: string, features?: unknown) => {
          const key = `${features ? JSON.stringify(features) : ''}\u0000${text}`;
          let run = runs.get(key);
          if (!run) {
            const fresh = target.layout(text, features);
            run = { glyphs: fresh.glyphs, positions: fresh.positions.map((p) => ({ ...p })) };
            if (runs.size < 50_000) runs.set(key, run);
          }
          const positions = run.positions.map((p) => ({ ...p }));
          return { glyphs: run.glyphs, positions, get advanceWidth() { return positions.reduce((w, p) => w + p.xAdvance, 0); } };
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return sharedFont;
}

