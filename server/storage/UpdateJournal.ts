import fs from 'node:fs'
import zlib from 'node:zlib'

/** One board update as the journal holds it until the database has it. */
export interface JournalRecord {
  boardId: string
  seq: number
  data: Uint8Array
}

export interface OpenedJournal {
  journal: UpdateJournal
  /** Whole records found in the file, oldest first. */
  records: JournalRecord[]
  /** Bytes after the last whole record: a write cut short by a crash, or damage. */
  droppedBytes: number
}

/** Body length and CRC-32 of the body. */
const HEADER_BYTES = 8
/** Board id length (one byte: ids are at most 64 ASCII characters) and the sequence number as a float64. */
const BODY_PREFIX_BYTES = 1 + 8

/**
 * Append-only file of board updates in front of the database. An append is
 * one `write` of whole records, which survives a killed process like a WAL
 * commit does but costs about half as much CPU as a SQLite commit on a quiet
 * server; the owner moves records into the database in batches and then
 * empties the file. Each record carries its checksum, so a write cut short
 * (by a crash or a full disk) ends the readable part instead of corrupting it.
 */
export class UpdateJournal {
  private closed = false

  private constructor(
    private readonly fd: number,
    private size: number,
  ) {}

  static open(file: string): OpenedJournal {
    // Not O_APPEND: records are written at the end of the last whole record, so a write cut short is overwritten by the next one.
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644)
    try {
      const contents = fs.readFileSync(fd)
      const { records, validBytes } = decodeRecords(contents)
      return { journal: new UpdateJournal(fd, validBytes), records, droppedBytes: contents.byteLength - validBytes }
    } catch (error) {
      fs.closeSync(fd)
      throw error
    }
  }

  /**
   * Writes the records after the last whole record. A failed write leaves
   * the end where it was: the next append overwrites what got written, and
   * until then the checksums end the readable part before it.
   */
  append(records: readonly JournalRecord[]): void {
    if (this.closed) throw new Error('the update journal is closed')
    const buffer = encodeRecords(records)
    let written = 0
    while (written < buffer.byteLength) {
      written += fs.writeSync(this.fd, buffer, written, buffer.byteLength - written, this.size + written)
    }
    this.size += buffer.byteLength
  }

  /** Empties the file once everything in it is stored elsewhere. */
  clear(): void {
    fs.ftruncateSync(this.fd, 0)
    this.size = 0
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    fs.closeSync(this.fd)
  }
}

function encodeRecords(records: readonly JournalRecord[]): Buffer {
  let total = 0
  for (const { boardId, data } of records) {
    const idBytes = Buffer.byteLength(boardId)
    if (idBytes > 255) throw new Error(`board id too long for the journal: ${boardId}`)
    total += HEADER_BYTES + BODY_PREFIX_BYTES + idBytes + data.byteLength
  }
  const buffer = Buffer.allocUnsafe(total)
  let offset = 0
  for (const { boardId, seq, data } of records) {
    const bodyStart = offset + HEADER_BYTES
    const idBytes = buffer.write(boardId, bodyStart + 1)
    buffer.writeUInt8(idBytes, bodyStart)
    buffer.writeDoubleLE(seq, bodyStart + 1 + idBytes)
    buffer.set(data, bodyStart + BODY_PREFIX_BYTES + idBytes)
    const bodyEnd = bodyStart + BODY_PREFIX_BYTES + idBytes + data.byteLength
    buffer.writeUInt32LE(bodyEnd - bodyStart, offset)
    buffer.writeUInt32LE(zlib.crc32(buffer.subarray(bodyStart, bodyEnd)), offset + 4)
    offset = bodyEnd
  }
  return buffer
}

function decodeRecords(contents: Buffer): { records: JournalRecord[]; validBytes: number } {
  const records: JournalRecord[] = []
  let offset = 0
  while (offset + HEADER_BYTES <= contents.byteLength) {
    const bodyLength = contents.readUInt32LE(offset)
    const bodyStart = offset + HEADER_BYTES
    const bodyEnd = bodyStart + bodyLength
    if (bodyLength < BODY_PREFIX_BYTES || bodyEnd > contents.byteLength) break
    const body = contents.subarray(bodyStart, bodyEnd)
    if (zlib.crc32(body) !== contents.readUInt32LE(offset + 4)) break
    const idBytes = body.readUInt8(0)
    if (BODY_PREFIX_BYTES + idBytes > bodyLength) break
    records.push({
      boardId: body.toString('utf8', 1, 1 + idBytes),
      seq: body.readDoubleLE(1 + idBytes),
      // A copy: the file's buffer is dropped once the records are stored.
      data: new Uint8Array(body.subarray(BODY_PREFIX_BYTES + idBytes)),
    })
    offset = bodyEnd
  }
  return { records, validBytes: offset }
}
