#!/usr/bin/env node
// `kopij` on the command line: the TypeScript CLI (src/main/cli.ts) run through tsx, over the app's own services.
const { register } = require('tsx/cjs/api')
register()
const { main } = require('../src/main/cli.ts')
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
