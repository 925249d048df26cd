import * as ws from 'ws'
import { describe, expect, it } from 'vitest'
import { encodeBinaryFrame } from '../../server/sync/binaryFrame.ts'

/** ws's own frame parser, as a browser or the stock provider would read our frames. */
interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void
  on(event: 'error', listener: (error: Error) => void): void
  write(chunk: Buffer): boolean
}
const Receiver = (ws as unknown as { Receiver: new (options: { isServer: boolean; maxPayload: number }) => FrameReceiver }).Receiver

function receive(frames: Buffer[]): { messages: Buffer[]; errors: Error[] } {
  const receiver = new Receiver({ isServer: false, maxPayload: 0 })
  const messages: Buffer[] = []
  const errors: Error[] = []
  receiver.on('message', (data, isBinary) => {
    expect(isBinary).toBe(true)
    messages.push(data)
  })
  receiver.on('error', (error) => errors.push(error))
  receiver.write(Buffer.concat(frames))
  return { messages, errors }
}

describe('encodeBinaryFrame', () => {
  it('frames payloads of every header size so a WebSocket client reads them back unchanged', () => {
    // 0–125: length in the first byte; up to 65,535: 16-bit length; beyond: 64-bit length.
    const lengths = [0, 1, 125, 126, 4_096, 65_535, 65_536, 300_000]
    const payloads = lengths.map((length) => Uint8Array.from({ length }, (_, index) => (index * 31 + length) % 251))
    const { messages, errors } = receive(payloads.map(encodeBinaryFrame))
    expect(errors).toEqual([])
    expect(messages.map((message) => message.length)).toEqual(lengths)
    messages.forEach((message, index) => expect(new Uint8Array(message)).toEqual(payloads[index]))
  })

  it('is a frame a client accepts from a server: final, binary, unmasked', () => {
    const frame = encodeBinaryFrame(new Uint8Array([1, 2, 3]))
    expect([...frame]).toEqual([0x82, 3, 1, 2, 3])
  })
})
