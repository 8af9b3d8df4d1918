// A CommonJS app on Node >= 20.19: require() each specifier given and report, for each, how many exports
// it had or why it failed to load.
const loaded = {}
for (const specifier of process.argv.slice(2)) {
  try {
    loaded[specifier] = { exports: Object.keys(require(specifier)).length }
  } catch (error) {
    loaded[specifier] = { code: error.code, message: error.message.split('\n')[0] }
  }
}
console.log(JSON.stringify(loaded))
