import { defineConfig } from 'tsup'

export default defineConfig({
  // bin.ts keeps its shebang; tsup marks the output executable.
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  target: 'node20',
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
})
