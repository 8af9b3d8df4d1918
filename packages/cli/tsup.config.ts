import { library } from '../../tsup.base.js'

export default library({
  // bin.ts keeps its shebang; tsup marks the output executable.
  entry: ['src/index.ts', 'src/bin.ts'],
  dts: { entry: 'src/index.ts' },
})
