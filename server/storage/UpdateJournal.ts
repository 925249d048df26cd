import fs from 'node:fs'
import zlib from 'node:zlib'
import mmap from '@riaskov/mmap-io'

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

export interface UpdateJournalOptions {
  /** Room for records between two clears; the owner clears long before (its flush threshold is half of the default). */
  capacityBytes?: number
}

/** Body length and CRC-32 of the body. */
const HEADER_BYTES = 8
/** Board id length (one byte: ids are at most 64 ASCII characters) and the sequence number as a float64. */
const BODY_PREFIX_BYTES = 1 + 8
const DEFAULT_CAPACITY_BYTES = 8 * 1024 * 1024
const ZERO_CHUNK = Buffer.alloc(64 * 1024)

/**
 * Checksummed board updates in a memory-mapped file in front of the
 * database. An append copies whole records into the shared mapping: the
 * kernel's page cache holds them from that moment, so they survive a killed
 * process exactly like a `write` would (not a power cut), without a system
 * call per update — on a quiet server that call and the inode update behind
 * it were most of what storing an update cost. The file keeps its size; its
 * blocks are written once when it is created, so a full disk fails the start,
 * never a later store into the mapping (which would kill the process).
 * Everything after the last record is zero, so the readable part ends there;
 * a record cut short fails its checksum.
 */
export class UpdateJournal {
  private closed = false

  private constructor(
    private readonly fd: number,
    private readonly mapped: Buffer,
    private size: number,
  ) {}

  static open(file: string, options: UpdateJournalOptions = {}): OpenedJournal {
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644)
    try {
      const fileBytes = fs.fstatSync(fd).size
      // A journal of an earlier version is only as long as its records; it grows to the capacity here.
      const capacity = Math.max(options.capacityBytes ?? DEFAULT_CAPACITY_BYTES, fileBytes)
      writeZeros(fd, fileBytes, capacity)
      const mapped = mmap.map(capacity, (mmap.PROT_READ | mmap.PROT_WRITE) as 3, mmap.MAP_SHARED, fd, 0)
      // Read through the mapping, which touches only the pages that hold records.
      const { records, validBytes } = decodeRecords(mapped)
      const writtenEnd = endOfNonZeroBytes(fd, validBytes, capacity)
      // What follows the last whole record must read as the end, not as the start of a record written later.
      mapped.fill(0, validBytes, writtenEnd)
      return { journal: new UpdateJournal(fd, mapped, validBytes), records, droppedBytes: writtenEnd - validBytes }
    } catch (error) {
      fs.closeSync(fd)
      throw error
    }
  }

  /** Copies the records in after the last one; false, with nothing written, when they do not fit. */
  append(records: readonly JournalRecord[]): boolean {
    if (this.closed) throw new Error('the update journal is closed')
    const bytes = encodedLength(records)
    if (this.size + bytes > this.mapped.byteLength) return false
    encodeRecords(records, this.mapped, this.size)
    this.size += bytes
    return true
  }

  /** Empties the journal once everything in it is stored elsewhere. */
  clear(): void {
    if (this.closed) throw new Error('the update journal is closed')
    this.mapped.fill(0, 0, this.size)
    this.size = 0
  }

  /** The mapping itself is released with its buffer; nothing is written after this. */
  close(): void {
    if (this.closed) return
    this.closed = true
    fs.closeSync(this.fd)
  }
}

function encodedLength(records: readonly JournalRecord[]): number {
  let total = 0
  for (const { boardId, data } of records) {
    const idBytes = Buffer.byteLength(boardId)
    if (idBytes > 255) throw new Error(`board id too long for the journal: ${boardId}`)
    total += HEADER_BYTES + BODY_PREFIX_BYTES + idBytes + data.byteLength
  }
  return total
}

/** The checksum goes in last, so a record cut short by a killed process never reads as whole. */
function encodeRecords(records: readonly JournalRecord[], target: Buffer, start: number): void {
  let offset = start
  for (const { boardId, seq, data } of records) {
    const bodyStart = offset + HEADER_BYTES
    const idBytes = target.write(boardId, bodyStart + 1)
    target.writeUInt8(idBytes, bodyStart)
    target.writeDoubleLE(seq, bodyStart + 1 + idBytes)
    target.set(data, bodyStart + BODY_PREFIX_BYTES + idBytes)
    const bodyEnd = bodyStart + BODY_PREFIX_BYTES + idBytes + data.byteLength
    target.writeUInt32LE(bodyEnd - bodyStart, offset)
    target.writeUInt32LE(zlib.crc32(target.subarray(bodyStart, bodyEnd)), offset + 4)
    offset = bodyEnd
  }
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
      // A copy: the mapping is zeroed once the records are stored elsewhere.
      data: new Uint8Array(body.subarray(BODY_PREFIX_BYTES + idBytes)),
    })
    offset = bodyEnd
  }
  return { records, validBytes: offset }
}

/**
 * Where the bytes after `from` that are not zero end: the remains of a record
 * cut short, or damage. Read with calls rather than through the mapping, so
 * the scan of the empty rest does not make the whole file resident.
 */
function endOfNonZeroBytes(fd: number, from: number, to: number): number {
  const chunk = Buffer.alloc(ZERO_CHUNK.byteLength)
  let end = to
  while (end > from) {
    const start = Math.max(from, end - chunk.byteLength)
    const read = fs.readSync(fd, chunk, 0, end - start, start)
    if (!chunk.subarray(0, read).equals(ZERO_CHUNK.subarray(0, read))) {
      let last = read
      while (chunk[last - 1] === 0) last -= 1
      return start + last
    }
    end = start
  }
  return from
}

/** Real zeros, not a hole: the file system reserves the blocks now, while a failure is still an error and not a signal. */
function writeZeros(fd: number, from: number, to: number): void {
  for (let position = from; position < to; ) {
    position += fs.writeSync(fd, ZERO_CHUNK, 0, Math.min(ZERO_CHUNK.byteLength, to - position), position)
  }
}
