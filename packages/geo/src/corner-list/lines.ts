/** A source line: 1-based number and text without surrounding blanks. */
export interface Line {
  readonly number: number;
  readonly text: string;
}

/** Splits text into trimmed lines (any newline convention; a leading BOM dropped). */
export function splitLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line, i) => ({ number: i + 1, text: line.trim() }));
}

/** Splits a line into fields on commas (ASCII or full-width); fields are trimmed. */
export function commaFields(text: string): string[] {
  return text.split(/[,，]/).map((f) => f.trim());
}

/** Whether text contains Chinese characters. */
export const hasHan = (text: string): boolean => /\p{Script=Han}/u.test(text);
