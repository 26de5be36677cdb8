import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The API server (`pnpm dev:api`, port 8080 unless MPM_API names another); the dev server forwards its routes there. */
const API = process.env.MPM_API || 'http://127.0.0.1:8080';

/**
 * Keeps the browser's Host header: the API builds absolute links (TileJSON `tiles`, OGC `next`)
 * from it, and they must point back at the dev server, not past it.
 */
const forward = { target: API, changeOrigin: false };

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': forward,
      '/tiles': forward,
      '/ogc': forward,
      '/health': forward,
    },
  },
});
