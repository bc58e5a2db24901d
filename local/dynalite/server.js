// Runs dynalite (https://github.com/architect/dynalite), a DynamoDB-compatible server, for the local stack.
// Started by dev.llmpipeline.local.aws.TableServer as `node server.js PORT` (0 = any free port).
// Protocol with the JVM: one line `listening <port>` on stdout once it serves; it exits when its stdin
// closes, so it never outlives a JVM that was killed (the parent's end of the pipe closes with it).
'use strict'

const dynalite = require('dynalite')

const HOST = '127.0.0.1' // dynalite listens on every interface unless given a host
const port = Number.parseInt(process.argv[2] || '0', 10)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`usage: node server.js PORT (0..65535), got ${process.argv[2]}`)
  process.exit(2)
}

// No `path` option: the store is in memory (memory-level). Table state changes are immediate, so a
// CreateTable is ACTIVE at once and callers need no waiter (the dynalite defaults are 500 ms).
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })

server.on('error', (error) => {
  console.error(`dynalite failed: ${error.message}`)
  process.exit(1)
})

// dynalite 4.0.0 rethrows a request stream's error (index.js: req.on('error', err => { throw err })), so one client
// that hangs up mid-body (a worker invocation cut off by its timeout) would kill the server for everyone. A hung-up
// request is that client's problem alone; anything else is still fatal.
process.on('uncaughtException', (error) => {
  if (error && (error.code === 'ECONNRESET' || error.message === 'aborted')) {
    console.error(`dynalite: a client hung up mid-request (${error.code || error.message}); still serving`)
    return
  }
  console.error(error)
  process.exit(1)
})

server.listen(port, HOST, () => {
  process.stdout.write(`listening ${server.address().port}\n`)
})

// The stream ends on EOF ('end') or when the pipe breaks ('close'); either way the JVM is gone or done.
// resume() puts stdin in flowing mode, otherwise 'end' is never emitted.
const exit = () => process.exit(0)
process.stdin.on('end', exit)
process.stdin.on('close', exit)
process.stdin.resume()
process.on('SIGTERM', exit)
process.on('SIGINT', exit)
