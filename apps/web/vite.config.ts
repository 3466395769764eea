import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const lib = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

// In development Vite serves the UI and hands /api to the server on :3000;
// in production the server serves the built dist/ itself.
export default defineConfig({
  plugins: [react()],
  resolve: {
    // The browser builds the engine from source: the same schemas and gate code the server runs.
    alias: [
      { find: '@tessera/engine', replacement: lib('libs/engine/src/index.ts') },
      { find: '@tessera/metadata', replacement: lib('libs/metadata/src/index.ts') },
      { find: /^@tessera\/schemas\/(.*)$/, replacement: lib('schemas/$1') },
    ],
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Libraries change less often than the app: separate files stay cached across releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
            { name: 'forms', test: /node_modules[\\/](@rjsf|ajv|ajv-formats|jsonata|lodash|lodash-es)[\\/]/ },
          ],
        },
      },
    },
  },
});
