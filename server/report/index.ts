export {
  buildEventReport,
  type BoardReport,
  type EventReport,
  type EventReportInput,
  type FrameReport,
  type MatchCount,
  type MatchParty,
  type NoteReport,
  type ReportBoardInput,
} from './buildEventReport.ts'
export { renderReportCsv } from './renderCsv.ts'
export { renderReportMarkdown } from './renderMarkdown.ts'
