import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

export const JAPANESE_FONT_PATH = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');

/* What is used here of pdfkit's EmbeddedFont and fontkit's TrueType font and subset (internals of pdfkit 0.20 / fontkit 2). */
interface Glyph {
  id: number;
  advanceWidth: number;
  _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
  _getMetrics(): { leftBearing: number };
}
interface TrueTypeFont {
  getGlyph(gid: number): Glyph;
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  _variationProcessor?: unknown;
}
interface Subset {
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}
interface Run {
  glyphs: Glyph[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
interface EmbeddedFont {
  font: TrueTypeFont;
  subset: Subset;
  layoutRun(text: string, features?: unknown): Run;
}

/** A glyph's record in the font's glyf table, with what a subset needs to renumber a composite's components. */
interface GlyphRecord {
  bytes: Uint8Array;
  components: { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}

let shared: { bytes: Buffer; font: TrueTypeFont; runs: Map<string, Run>; glyphs: Map<number, GlyphRecord> } | undefined;

/**
 * The Japanese font, read and parsed once per process and shared by every document (re-reading and
 * re-parsing 5 MB per document, pdfkit's default with a file name, made about 68 documents a
 * second). Parsed by pdfkit's own loader (fontkit) in a scratch document that is never written.
 */
export function japaneseFont(): TrueTypeFont {
  if (shared) return shared.font;
  const bytes = readFileSync(JAPANESE_FONT_PATH);
  const scratch = new PDFDocument({ font: null as unknown as string, autoFirstPage: false });
  scratch.registerFont('jp', bytes).font('jp');
  const font = (scratch as unknown as { _font: EmbeddedFont })._font.font;
  shared = { bytes, font, runs: new Map(), glyphs: new Map() };
  return font;
}

const MAX_RUNS = 50_000;

/**
 * Shares, across documents, the work pdfkit does again for each one with the shared font (the
 * document still embeds only its own subset, and the bytes are those pdfkit would write):
 * - the layout of a word (fontkit shaping, then pdfkit's scaling): pdfkit copies a position before
 *   it changes one (word spacing), so the scaled runs can be shared as they are;
 * - each glyph's bytes in the glyf table (fontkit decodes the glyph again for every subset to find
 *   a composite's components); a composite's component ids are still renumbered per subset.
 * `embedded` is the document's font object (`doc._font` after `doc.font(...)` with the shared font).
 */
export function shareFontWork(embedded: unknown): void {
  const e = embedded as EmbeddedFont;
  if (!shared || e.font !== shared.font || e.font._variationProcessor) return;
  const { runs, glyphs, font } = shared;
  const layoutRun = e.layoutRun.bind(e);
  e.layoutRun = (text, features) => {
    const key = features ? `${JSON.stringify(features)}\u0000${text}` : text;
    let run = runs.get(key);
    if (!run) {
      run = layoutRun(text, features);
      if (runs.size < MAX_RUNS) runs.set(key, run);
    }
    return run;
  };
  const subset = e.subset;
  subset._addGlyph = function addGlyph(this: Subset, gid: number): number {
    let record = glyphs.get(gid);
    if (!record) {
      record = glyphRecord(font, gid);
      glyphs.set(gid, record);
    }
    let bytes = record.bytes;
    if (record.components) {
      bytes = new Uint8Array(record.bytes);
      const view = new DataView(bytes.buffer);
      for (const c of record.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: record.advance, bearing: record.bearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  }.bind(subset);
}

/** As fontkit's TTFSubset._addGlyph reads a glyph, once. */
function glyphRecord(font: TrueTypeFont, gid: number): GlyphRecord {
  const glyph = font.getGlyph(gid);
  const glyf = glyph._decode();
  const start = font.loca.offsets[gid];
  const end = font.loca.offsets[gid + 1];
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  const bytes = new Uint8Array(stream.readBuffer(end - start));
  const components = glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null;
  return { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
}
