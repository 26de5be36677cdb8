/**
 * GBK encoding, for the corner-point list texts that registration and land-use software reads.
 * Node's TextEncoder writes UTF-8 only; rather than carry a charset table, the table is taken once
 * from the platform's own GBK decoder (WHATWG `gbk`): every two-byte code it decodes to one
 * character, reversed. ASCII is one byte as itself.
 */
let table: Map<string, number> | undefined;

function gbkTable(): Map<string, number> {
  if (table) return table;
  const decoder = new TextDecoder('gbk', { fatal: true });
  table = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      let char: string;
      try {
        char = decoder.decode(new Uint8Array([lead, trail]));
      } catch {
        continue;
      }
      // The first code wins where two decode alike (as an encoder picks the canonical one).
      if ([...char].length === 1 && !table.has(char)) table.set(char, (lead << 8) | trail);
    }
  }
  return table;
}

/** The text in GBK bytes, or the first character GBK has no code for. */
export function encodeGbk(text: string): { ok: true; bytes: Buffer } | { ok: false; character: string } {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const gbk = gbkTable().get(char);
    if (gbk === undefined) return { ok: false, character: char };
    bytes.push(gbk >> 8, gbk & 0xff);
  }
  return { ok: true, bytes: Buffer.from(bytes) };
}
