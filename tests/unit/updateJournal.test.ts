import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { UpdateJournal, type JournalRecord } from '../../server/storage/UpdateJournal.ts'
import { makeTempDir } from '../support/tempDirs.ts'

const journals: UpdateJournal[] = []
afterEach(() => {
  for (const journal of journals.splice(0)) journal.close()
})

function journalFile(): string {
  return path.join(makeTempDir('journal'), 'updates.journal')
}

function open(file: string, capacityBytes?: number): ReturnType<typeof UpdateJournal.open> {
  const opened = UpdateJournal.open(file, { capacityBytes })
  journals.push(opened.journal)
  return opened
}

/** Where each record in the file ends, read from the length in its header. */
function recordEnds(bytes: Buffer, count: number): number[] {
  const ends: number[] = []
  let offset = 0
  for (let index = 0; index < count; index += 1) {
    offset += 8 + bytes.readUInt32LE(offset)
    ends.push(offset)
  }
  return ends
}

const records: JournalRecord[] = [
  { boardId: 'pitch-wand', seq: 1, data: new Uint8Array([1, 2, 3]) },
  { boardId: 'pitch-wand', seq: 2, data: new Uint8Array(0) },
  { boardId: 'A_b-9', seq: 2 ** 40, data: new Uint8Array(70_000).fill(7) },
]

describe('UpdateJournal', () => {
  it('gives back what was appended, in order, after a reopen', () => {
    const file = journalFile()
    const { journal } = open(file)
    expect(journal.append(records.slice(0, 2))).toBe(true)
    expect(journal.append(records.slice(2))).toBe(true)
    journal.close()
    const reopened = open(file)
    expect(reopened.records).toEqual(records)
    expect(reopened.droppedBytes).toBe(0)
  })

  it('keeps what was appended when the process is killed right after', () => {
    const file = journalFile()
    const script = `
      import { UpdateJournal } from ${JSON.stringify(path.resolve('server/storage/UpdateJournal.ts'))}
      const { journal } = UpdateJournal.open(${JSON.stringify(file)})
      journal.append([{ boardId: 'pitch-wand', seq: 1, data: new Uint8Array([1, 2, 3]) }])
      process.kill(process.pid, 'SIGKILL')
    `
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(child.signal).toBe('SIGKILL')
    expect(open(file).records).toEqual(records.slice(0, 1))
  })

  it('stops at a damaged record and reports the bytes after it', () => {
    const file = journalFile()
    const { journal } = open(file)
    journal.append(records)
    journal.close()
    const bytes = fs.readFileSync(file)
    const [firstEnd = 0, , lastEnd = 0] = recordEnds(bytes, 3)
    // One flipped bit in the second record's board id: its checksum no longer matches.
    bytes[firstEnd + 10] = (bytes[firstEnd + 10] ?? 0) ^ 1
    fs.writeFileSync(file, bytes)
    const reopened = open(file)
    expect(reopened.records).toEqual(records.slice(0, 1))
    expect(reopened.droppedBytes).toBe(lastEnd - firstEnd)
  })

  it('writes after the last whole record, so the remains of a record cut short are gone', () => {
    const file = journalFile()
    const { journal } = open(file)
    journal.append(records.slice(0, 1))
    journal.close()
    const [firstEnd = 0] = recordEnds(fs.readFileSync(file), 1)
    // What a process killed in the middle of an append leaves: the start of a record whose checksum cannot match.
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.from([40, 0, 0, 0, 1, 2, 3]), 0, 7, firstEnd)
    fs.closeSync(fd)
    const reopened = open(file)
    expect(reopened.droppedBytes).toBe(7)
    reopened.journal.append(records.slice(1, 2))
    reopened.journal.close()
    const again = open(file)
    expect(again.records).toEqual(records.slice(0, 2))
    expect(again.droppedBytes).toBe(0)
  })

  it('is empty after clear, and appends after it start a new journal in the same file', () => {
    const file = journalFile()
    const { journal } = open(file)
    const sizeBefore = fs.statSync(file).size
    journal.append(records)
    journal.clear()
    expect(open(file)).toMatchObject({ records: [], droppedBytes: 0 })
    journal.append(records.slice(0, 1))
    journal.close()
    expect(open(file).records).toEqual(records.slice(0, 1))
    expect(fs.statSync(file).size).toBe(sizeBefore)
  })

  it('reads a journal of the earlier layout, records only, and grows it to its capacity', () => {
    const file = journalFile()
    const { journal } = open(file)
    journal.append(records.slice(0, 2))
    journal.close()
    const bytes = fs.readFileSync(file)
    const [, secondEnd] = recordEnds(bytes, 2)
    const earlier = journalFile()
    fs.writeFileSync(earlier, bytes.subarray(0, secondEnd))
    const reopened = open(earlier, 256 * 1024)
    expect(reopened).toMatchObject({ records: records.slice(0, 2), droppedBytes: 0 })
    expect(fs.statSync(earlier).size).toBe(256 * 1024)
    expect(reopened.journal.append(records.slice(2))).toBe(true)
    expect(open(earlier).records).toEqual(records)
  })

  it('refuses records that do not fit and writes nothing of them', () => {
    const file = journalFile()
    const { journal } = open(file, 4096)
    expect(journal.append(records.slice(0, 1))).toBe(true)
    expect(journal.append(records.slice(1))).toBe(false)
    expect(journal.append(records.slice(1, 2))).toBe(true)
    expect(open(file).records).toEqual(records.slice(0, 2))
  })

  it('refuses an append once closed and a board id longer than a record can hold', () => {
    const { journal } = open(journalFile())
    expect(() => journal.append([{ boardId: 'x'.repeat(256), seq: 1, data: new Uint8Array(1) }])).toThrow(/too long/)
    journal.close()
    expect(() => journal.append(records)).toThrow(/closed/)
  })
})
