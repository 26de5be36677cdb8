/** Fixture texts are imported through Vite's `?raw` suffix, so tests need no file I/O. */
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
