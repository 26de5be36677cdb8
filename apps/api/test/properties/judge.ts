import { expect } from 'vitest';

const CJK = /[\u4e00-\u9fff]/;

/** Checks one generated request's answer: no 5xx, a 4xx in the error shape, named, and in the reader's language. */
export function judge(response: { statusCode: number; body: string }, english: boolean): void {
  expect(response.statusCode, response.body).toBeLessThan(500);
  if (response.statusCode < 400) return;
  const answer = JSON.parse(response.body) as { statusCode: number; code: string; message: string };
  expect(answer, response.body).toEqual({ statusCode: response.statusCode, code: expect.stringMatching(/^[a-z][A-Za-z0-9]+$/), message: expect.any(String) });
  expect(['badRequest', 'internalError'], response.body).not.toContain(answer.code);
  if (english) expect(answer.message, response.body).toMatch(/^[^\u4e00-\u9fff]*[A-Za-z]{3}/);
  else expect(answer.message, response.body).toMatch(CJK);
}
