import { describe, expect, it } from 'vitest';
import { decodeCornerListBytes } from '../src/index.ts';

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));

describe('decodeCornerListBytes', () => {
  it('reads UTF-8, with or without BOM', () => {
    expect(decodeCornerListBytes(new TextEncoder().encode('点号,X,Y'))).toEqual({ text: '点号,X,Y', encoding: 'utf-8' });
    expect(decodeCornerListBytes(bytes('efbbbf' + '58'))).toEqual({ text: 'X', encoding: 'utf-8' });
  });

  it('falls back to GBK for registration and exchange files written by Chinese software', () => {
    // 矿区范围 and 点号 in GBK.
    expect(decodeCornerListBytes(bytes('bff3c7f8b7b6cea7' + '2c' + 'b5e3bac5'))).toEqual({ text: '矿区范围,点号', encoding: 'gb18030' });
  });
});
