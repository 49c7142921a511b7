import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * The relay's control requests (stop, register go.sum files, report progress): `POST /<secret>/<action>`
 * with a JSON body carrying a random challenge. The relay answers with its pid and an HMAC of the
 * challenge and that pid under the secret, so a caller tells the relay from any process that took its
 * port: an answer without that proof is not the relay's.
 */

/** Bytes a control request's body may have: a challenge and a list of go.sum paths. */
const MAX_CONTROL_BODY = 256 * 1024

export type ControlAction = 'shutdown' | 'gosum' | 'progress'

/** An unguessable secret or challenge: 16 random bytes in hex. */
export function newControlSecret(): string {
  return randomBytes(16).toString('hex')
}

/** The proof a relay gives: HMAC-SHA256 of the challenge and its pid, keyed with the secret. */
export function controlProof(secret: string, challenge: string, pid: number): string {
  return createHmac('sha256', secret).update(`${challenge}\n${pid}`).digest('hex')
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export type ControlAnswer =
  { proven: true; pid: number; body: Record<string, unknown> } | { proven: false; why: string }

/**
 * Sends a control request to the relay on 127.0.0.1:`port` and checks its proof; `pid`, when given,
 * must be the pid it answers with. Never throws: anything but a proven answer says why.
 */
export async function askRelay(opts: {
  port: number
  secret: string
  action: ControlAction
  args?: Record<string, unknown>
  pid?: number
  timeoutMs?: number
}): Promise<ControlAnswer> {
  const challenge = newControlSecret()
  let status: number
  let text: string
  try {
    const response = await fetch(`http://127.0.0.1:${opts.port}/${opts.secret}/${opts.action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...opts.args, challenge }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 2000)
    })
    status = response.status
    text = (await response.text()).slice(0, MAX_CONTROL_BODY)
  } catch {
    return { proven: false, why: 'no answer' }
  }
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    return { proven: false, why: `an answer without a proof (HTTP ${status})` }
  }
  const pid = body?.pid
  const proof = body?.proof
  if (status !== 200 || !Number.isInteger(pid) || typeof proof !== 'string')
    return { proven: false, why: `an answer without a proof (HTTP ${status})` }
  if (opts.pid !== undefined && pid !== opts.pid) return { proven: false, why: `an answer from pid ${pid}` }
  if (!sameText(proof, controlProof(opts.secret, challenge, pid as number)))
    return { proven: false, why: 'an answer with a wrong proof' }
  return { proven: true, pid: pid as number, body }
}

/**
 * The relay's side: when `req` is `POST /<secret>/<action>` for one of `secrets`, reads the body and
 * answers with the proof and what the action returns; returns false for any other request.
 */
export function handleControl(req: IncomingMessage, res: ServerResponse, routes: ControlRoute[]): boolean {
  if (req.method !== 'POST') return false
  const match = /^\/([0-9a-f]{32})\/([a-z]+)$/.exec(req.url ?? '')
  const route = match ? routes.find(r => r.secret === match[1]) : undefined
  const handler = route?.actions[match?.[2] as ControlAction]
  if (!route || !handler) return false
  void readBody(req).then(async body => {
    const challenge = body?.challenge
    if (typeof challenge !== 'string' || challenge.length > 200)
      return reply(res, 400, { error: 'no challenge' })
    let result: Record<string, unknown>
    try {
      result = await handler(body as Record<string, unknown>)
    } catch (error) {
      return reply(res, 500, { error: (error as Error).message })
    }
    // What follows an answer (a stop) waits until the answer is out.
    res.once('close', () => route.after?.(match?.[2] as ControlAction))
    reply(res, 200, {
      ...result,
      pid: process.pid,
      proof: controlProof(route.secret, challenge, process.pid)
    })
  })
  return true
}

export type ControlHandler = (args: Record<string, unknown>) => Promise<Record<string, unknown>>

/** The actions one secret may ask for, and what to do once an answer has gone out. */
export interface ControlRoute {
  secret: string
  actions: Partial<Record<ControlAction, ControlHandler>>
  after?: (action: ControlAction) => void
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let size = 0
  const chunks: Buffer[] = []
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_CONTROL_BODY) return undefined
      chunks.push(chunk)
    }
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.headersSent || res.destroyed) return
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}
