import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { UpdateJournal, type JournalRecord } from '../../server/storage/UpdateJournal.ts'

const journals: UpdateJournal[] = []
afterEach(() => {
  for (const journal of journals.splice(0)) journal.close()
})

function journalFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ideenschmiede-journal-')), 'updates.journal')
}

function open(file: string): ReturnType<typeof UpdateJournal.open> {
  const opened = UpdateJournal.open(file)
  journals.push(opened.journal)
  return opened
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
    journal.append(records.slice(0, 2))
    journal.append(records.slice(2))
    journal.close()
    const reopened = open(file)
    expect(reopened.records).toEqual(records)
    expect(reopened.droppedBytes).toBe(0)
  })

  it('stops at a damaged record and reports the bytes after it', () => {
    const file = journalFile()
    const { journal } = open(file)
    journal.append(records.slice(0, 1))
    const firstRecordBytes = fs.statSync(file).size
    journal.append(records.slice(1))
    journal.close()
    const bytes = fs.readFileSync(file)
    // One flipped bit in the second record's board id: its checksum no longer matches.
    bytes[firstRecordBytes + 10] = (bytes[firstRecordBytes + 10] ?? 0) ^ 1
    fs.writeFileSync(file, bytes)
    const reopened = open(file)
    expect(reopened.records).toEqual(records.slice(0, 1))
    expect(reopened.droppedBytes).toBe(bytes.byteLength - firstRecordBytes)
  })

  it('writes after the last whole record, so the tail of a write cut short is overwritten', () => {
    const file = journalFile()
    const { journal } = open(file)
    journal.append(records.slice(0, 1))
    journal.close()
    // What a write cut short by a full disk leaves: the start of a record whose checksum cannot match.
    fs.appendFileSync(file, Buffer.from([40, 0, 0, 0, 1, 2, 3]))
    const reopened = open(file)
    expect(reopened.droppedBytes).toBe(7)
    reopened.journal.append(records.slice(1))
    reopened.journal.close()
    const again = open(file)
    expect(again.records).toEqual(records)
    expect(again.droppedBytes).toBe(0)
  })

  it('is empty after clear, and appends after it start a new journal', () => {
    const file = journalFile()
    const { journal } = open(file)
    journal.append(records)
    journal.clear()
    expect(fs.statSync(file).size).toBe(0)
    journal.append(records.slice(0, 1))
    journal.close()
    expect(open(file).records).toEqual(records.slice(0, 1))
  })

  it('refuses an append once closed and a board id longer than a record can hold', () => {
    const { journal } = open(journalFile())
    expect(() => journal.append([{ boardId: 'x'.repeat(256), seq: 1, data: new Uint8Array(1) }])).toThrow(/too long/)
    journal.close()
    expect(() => journal.append(records)).toThrow(/closed/)
  })
})
