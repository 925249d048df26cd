/** FIN bit and the binary opcode: a whole binary message in one frame. */
const FINAL_BINARY = 0x82

/**
 * One unmasked binary WebSocket frame (RFC 6455 §5.2), as a server sends it.
 * A frame from the server carries no mask, so the bytes are the same for
 * every recipient and a broadcast encodes them once.
 */
export function encodeBinaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10
  const frame = Buffer.allocUnsafe(headerLength + length)
  frame[0] = FINAL_BINARY
  if (length < 126) {
    frame[1] = length
  } else if (length < 0x10000) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  frame.set(payload, headerLength)
  return frame
}
