export type { ConnectionState } from './BoardConnection.ts'
export type { OpenBoard } from './openBoard.ts'
export { useOpenBoard } from './useOpenBoard.ts'
export { openPrivateNotes } from './openPrivateNotes.ts'
