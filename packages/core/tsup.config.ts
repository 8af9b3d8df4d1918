import { library } from '../../tsup.base.js'

export default library({
  entry: {
    index: 'src/index.ts',
    'adapter/index': 'src/adapter/index.ts',
    'testing/index': 'src/testing/index.ts',
  },
  // vitest stays the user's: the testing entry imports it, never bundles it.
  external: ['vitest'],
})
