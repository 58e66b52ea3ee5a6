import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const port = process.env.PORT ?? '3000';
const apiTarget = process.env.APOC_API_URL ?? `http://127.0.0.1:${port}`;
// The server refuses writes whose Origin is not its PUBLIC_URL (CSRF). Through this proxy the browser
// says http://localhost:5173, so proxied requests present the server's own origin instead; the default
// mirrors the server's (server/src/config.ts), and the API target's origin is the fallback for a bad value.
const publicOrigin = ((): string => {
  try {
    return new URL(process.env.PUBLIC_URL?.trim() || `http://localhost:${port}`).origin;
  } catch {
    return new URL(apiTarget).origin;
  }
})();

export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: apiTarget,
        ws: true,
        changeOrigin: false,
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', publicOrigin);
          });
          // Websocket upgrades carry an Origin too, which the live hub checks against PUBLIC_URL.
          proxy.on('proxyReqWs', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', publicOrigin);
          });
        },
      },
    },
  },
});
