import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre and deck.gl are each about 1 MB before compression; they are split out on purpose.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      // Three pages: the map (/), the administration page (/admin/) and the open data portal (/portal/…).
      input: { main: 'index.html', admin: 'admin/index.html', portal: 'portal/index.html' },
      output: {
        // MapLibre and deck.gl change rarely: their own chunks stay cached across our releases.
        // deck.gl is only imported dynamically (src/map/labels.ts), so its chunk loads beside the
        // map instead of before it. Vite's preload helper, which deck.gl's own dynamic imports
        // also use, gets its own tiny chunk so that the entry does not pull in the deck.gl chunk.
        codeSplitting: {
          groups: [
            { name: 'vite-preload', test: /vite[\\/]preload-helper/, priority: 2 },
            // terra-draw (the drawing tools, loaded on first use): its pnpm paths name maplibre-gl too.
            { name: 'terra-draw', test: /node_modules[\\/].*terra-draw/, priority: 2 },
            { name: 'maplibre', test: /node_modules[\\/].*maplibre-gl/, priority: 1 },
            { name: 'deckgl', test: /node_modules[\\/].*(@deck\.gl|@luma\.gl|@math\.gl|@loaders\.gl|@probe\.gl)/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/ogc': 'http://localhost:3000', '/tiles': 'http://localhost:3000' } },
});
