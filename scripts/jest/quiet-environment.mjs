// Node's test environment, but what a test writes straight to stdout and stderr (the @actions/* libraries'
// `::debug::` lines, the cache client's retries, tar's command lines) is held while the test or hook runs
// and shown only when it fails, under the test's name, instead of flooding the run before any result.
import { Buffer } from 'node:buffer'
import { TestEnvironment } from 'jest-environment-node'

const LIMIT = 256 * 1024

export default class QuietEnvironment extends TestEnvironment {
  holding = false
  held = []
  heldBytes = 0
  /** A test is running: its beforeEach and afterEach hooks are part of it. */
  inTest = false

  async handleTestEvent(event) {
    switch (event.name) {
      case 'test_start':
        this.inTest = true
        this.hold()
        break
      case 'hook_start':
        this.hold()
        break
      case 'test_done':
        this.inTest = false
        this.release(event.test.errors.length > 0, `${fullName(event.test)} (failed)`)
        break
      case 'hook_success':
        if (!this.inTest) this.release(false)
        break
      case 'hook_failure':
        if (!this.inTest) this.release(true, `${event.hook.type} (failed)`)
        break
    }
  }

  async setup() {
    await super.setup()
    // Installed once and left in place: code under test may wrap these writes itself and put back
    // whatever it found, so this wrapper only switches between holding and passing through.
    this.originals = [process.stdout, process.stderr].map(stream => {
      const write = stream.write
      stream.write = (chunk, encoding, callback) => {
        if (!this.holding) return write.call(stream, chunk, encoding, callback)
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
        if (this.heldBytes < LIMIT) {
          this.held.push(text)
          this.heldBytes += text.length
        }
        const done = typeof encoding === 'function' ? encoding : callback
        if (typeof done === 'function') process.nextTick(done)
        return true
      }
      return { stream, write, wrapper: stream.write }
    })
  }

  async teardown() {
    this.release(false)
    for (const { stream, write, wrapper } of this.originals ?? []) {
      if (stream.write === wrapper) stream.write = write
    }
    await super.teardown()
  }

  /** Holds every write to process.stdout and process.stderr from now on. */
  hold() {
    this.holding = true
  }

  /** Stops holding; what was held is written out when `show`, else dropped. */
  release(show, title = '') {
    if (!this.holding) return
    this.holding = false
    const text = this.held.join('')
    this.held = []
    this.heldBytes = 0
    if (show && text.trim() !== '') {
      const cut = text.length >= LIMIT ? '\n(cut at 256 KiB)' : ''
      process.stderr.write(`\n── Output of ${title} ──\n${text}${cut}\n── end of output ──\n`)
    }
  }
}

function fullName(test) {
  const names = []
  for (let block = test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) {
    names.unshift(block.name)
  }
  return names.join(' › ')
}
