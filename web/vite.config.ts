import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // MapLibre and deck.gl change rarely: their own chunks stay cached across our releases.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/].*maplibre-gl/ },
            { name: 'deckgl', test: /node_modules[\\/].*(@deck\.gl|@luma\.gl|@math\.gl|@loaders\.gl|@probe\.gl)/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/ogc': 'http://localhost:3000', '/tiles': 'http://localhost:3000' } },
});
