import crypto from 'node:crypto';

/** Letters and digits nobody misreads: no 0/O, 1/I/L. */
export const RECEIPT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Characters in a code: 31¹² ≈ 8 × 10¹⁷ codes (59 bits), far beyond guessing at any request rate. */
export const RECEIPT_LENGTH = 12;

/** Characters of a code that staff see, to match a reporter who calls in. */
export const RECEIPT_HINT_LENGTH = 4;

/** A new receipt code from the system's cryptographic random source, grouped `XXXX-XXXX-XXXX` for reading. */
export function newReceiptCode(): string {
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i++) code += RECEIPT_ALPHABET[crypto.randomInt(RECEIPT_ALPHABET.length)];
  return formatReceiptCode(code);
}

/** The code as typed, without case, spaces or hyphens. */
export const normaliseReceiptCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, '');

/** `XXXXXXXXXXXX` → `XXXX-XXXX-XXXX`. */
export const formatReceiptCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/** What is stored of a code: its SHA-256 (hex) of the normalised form. */
export const receiptHash = (input: string) => crypto.createHash('sha256').update(normaliseReceiptCode(input)).digest('hex');
