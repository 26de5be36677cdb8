/**
 * Decodes the bytes of a corner-list file: UTF-8 (with or without BOM) when they are valid
 * UTF-8, otherwise GBK (GB18030), the encoding registration and exchange files are written in.
 */
export function decodeCornerListBytes(bytes: Uint8Array): { readonly text: string; readonly encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
